"""Identities: make, load, and the clear errors for wrong passphrase, not PKCS#12, expired, unwritable."""

import datetime as dt

import pytest

from models.memo.identity import IdentityError, load_identity, make_identity


def test_make_and_load_round_trip(tmp_path):
    made = make_identity("张检察官", tmp_path / "id.p12", b"secret")
    loaded = load_identity(tmp_path / "id.p12", b"secret")
    assert loaded.name == "张检察官"
    assert not loaded.training
    assert loaded.fingerprint == made.fingerprint
    usage = loaded.cert.extensions.get_extension_for_class(__import__("cryptography").x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment


def test_training_identity_says_so_in_subject(tmp_path):
    make_identity("学员甲", tmp_path / "t.p12", b"pw", training=True)
    loaded = load_identity(tmp_path / "t.p12", b"pw")
    assert loaded.training
    assert "培训 TRAINING" in loaded.cert.subject.rfc4514_string()


def test_wrong_passphrase(tmp_path):
    make_identity("张检察官", tmp_path / "id.p12", b"secret")
    with pytest.raises(IdentityError, match="口令错误"):
        load_identity(tmp_path / "id.p12", b"wrong")


def test_not_pkcs12(tmp_path):
    (tmp_path / "x.p12").write_text("这不是证书")
    with pytest.raises(IdentityError, match="不是 PKCS#12"):
        load_identity(tmp_path / "x.p12", b"pw")


def test_missing_file(tmp_path):
    with pytest.raises(IdentityError, match="无法读取"):
        load_identity(tmp_path / "absent.p12", b"pw")


def test_expired_certificate(tmp_path):
    make_identity("过期", tmp_path / "old.p12", b"pw", days=-2)
    with pytest.raises(IdentityError, match="过期"):
        load_identity(tmp_path / "old.p12", b"pw")


def test_not_yet_valid_is_refused(tmp_path):
    make_identity("未来", tmp_path / "id.p12", b"pw")
    past = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=30)
    with pytest.raises(IdentityError, match="生效"):
        load_identity(tmp_path / "id.p12", b"pw", now=past)


def test_empty_passphrase_and_unwritable_output(tmp_path):
    with pytest.raises(IdentityError, match="口令"):
        make_identity("甲", tmp_path / "id.p12", b"")
    with pytest.raises(IdentityError, match="无法写入"):
        make_identity("甲", tmp_path / "absent" / "id.p12", b"pw")
    assert not (tmp_path / "absent").exists()
