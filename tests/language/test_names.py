"""People and organisations recognised by the words around them."""
from __future__ import annotations

from opendata.language.names import find_organisations, person_names


def test_name_after_office_and_genitive_organisation_is_a_person():
    text = "Sejo bo vodil župan Mestne občine Kranj Matjaž Rakovec, prenos bo na spletu."
    assert person_names(text) == ["Matjaž Rakovec"]


def test_names_coordinated_with_an_officials_name_are_people_too():
    text = "Župana Janez Novak in Marija Kos sta podpisala dogovor."
    assert person_names(text) == ["Janez Novak", "Marija Kos"]


def test_academic_title_introduces_a_person():
    assert person_names("Predaval bo dr. Andrej Zupan iz Ljubljane.") == ["Andrej Zupan"]


def test_organisation_after_an_office_is_no_person():
    assert person_names("Direktorica Festivala Velenje je bila zadovoljna.") == []


def test_organisation_name_stops_before_its_verb():
    names = [o.name for o in find_organisations("Turistično društvo Šmartno ob Paki vabi na pustovanje.")]
    assert names == ["Turistično društvo Šmartno ob Paki"]


def test_organisation_name_keeps_its_inner_lowercase_words():
    names = [o.name for o in find_organisations("Organizator je Zavod za turizem in kulturo Kranj.")]
    assert names == ["Zavod za turizem in kulturo Kranj"]
