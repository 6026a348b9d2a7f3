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


def test_place_name_ending_in_a_lowercase_noun_stays_in_the_organisation_name():
    names = [o.name for o in find_organisations("Prireditev organizira Mestna občina Novo mesto.")]
    assert names == ["Mestna občina Novo mesto"]


def test_village_name_with_vas_stays_in_the_organisation_name():
    names = [o.name for o in find_organisations("Krajevna skupnost Dolenja vas vabi na srečanje.")]
    assert names == ["Krajevna skupnost Dolenja vas"]


def test_pronoun_vas_after_an_organisation_is_no_part_of_its_name():
    names = [o.name for o in find_organisations("Društvo Lipa vas vabi na ples.")]
    assert names == ["Društvo Lipa"]


def test_two_organisations_joined_by_in_are_two_names():
    names = [o.name for o in find_organisations("Sejem pripravljata Občina Kočevje in Turistični center Kočevje.")]
    assert names == ["Občina Kočevje", "Turistični center Kočevje"]
