"""`opendata gazetteer download` against a real HTTP server on 127.0.0.1."""
import functools
import http.server
import threading

import pytest

from opendata.language.gazetteer_download import REGISTER_FILES, DownloadError, download_register

TINY_OB = "\ufeffOB_MID,OB_ID,OB_UIME,OB_TIP\n1,1,Primerjevo,D\n"


@pytest.fixture
def mirror(tmp_path):
    root = tmp_path / "mirror"
    for remote in REGISTER_FILES.values():
        path = root / remote
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TINY_OB, encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_download_writes_every_register_file(mirror, tmp_path):
    _, url = mirror
    files = download_register(tmp_path / "gazetteer", url)
    assert sorted(p.name for p in files) == sorted(REGISTER_FILES)


def test_failed_download_leaves_the_existing_gazetteer_untouched(mirror, tmp_path):
    root, url = mirror
    target = tmp_path / "gazetteer"
    download_register(target, url)
    (root / "UL.csv").unlink()
    with pytest.raises(DownloadError, match="UL.csv"):
        download_register(target, url)
    assert (target / "UL.csv").read_text(encoding="utf-8") == TINY_OB
