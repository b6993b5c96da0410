"""Thumbnails: cached outside the bundle, bombs and broken files give a reason instead of raising."""

from PIL import Image

from models.inventory.thumbs import cache_key, thumbnail


def test_thumbnail_is_cached_and_small(corpus_dir, tmp_path):
    picture = corpus_dir / "exif/Pillow/Tests/images/hopper_orientation_6.jpg"
    key = cache_key(str(picture), picture.stat().st_size, picture.stat().st_mtime_ns, 64)
    first = thumbnail(picture, tmp_path / "cache", key, size=64)
    assert first.error is None and first.path.is_file()
    assert tmp_path / "cache" in first.path.parents
    with Image.open(first.path) as image:
        assert max(image.size) <= 64
    mtime = first.path.stat().st_mtime_ns
    assert thumbnail(picture, tmp_path / "cache", key, size=64).path.stat().st_mtime_ns == mtime


def test_key_changes_with_mtime_and_size():
    assert cache_key("a.jpg", 10, 1) != cache_key("a.jpg", 10, 2)
    assert cache_key("a.jpg", 10, 1) != cache_key("a.jpg", 10, 1, 128)


def test_decompression_bomb_is_an_error(tmp_path, monkeypatch):
    picture = tmp_path / "big.png"
    Image.new("L", (400, 300)).save(picture)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100_000)  # 120k pixels: above 1x, below 2x = a warning
    result = thumbnail(picture, tmp_path / "cache", "k" * 64)
    assert result.path is None and "解压炸弹" in result.error


def test_no_corpus_file_raises(corpus_dir, tmp_path):
    reasons = 0
    for path in (corpus_dir / "exif").rglob("*"):
        if path.is_file():
            result = thumbnail(path, tmp_path / "c", cache_key(str(path), 0, 0))
            assert (result.path is None) == (result.error is not None)
            reasons += result.error is not None
    assert reasons > 0  # the broken files are there and give reasons
