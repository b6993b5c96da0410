"""A signed memo verifies; any changed or appended byte fails, in verify_memo, pdfsig and the CLI."""

import subprocess
import sys
from pathlib import Path

import pytest

from models.memo.identity import cert_pem, make_identity
from models.memo.memo_render import write_memo
from models.memo.memo_verify import MemoInputError, verify_memo
from tests.models.test_memo import make_review, write_bundle

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def memo(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("memo")
    data, identity = make_review(tmp)
    (tmp / "id.pem").write_bytes(cert_pem(identity))
    return write_memo(data, identity, tmp / "memo.pdf"), tmp / "id.pem"


def flipped(src: Path, where: int, tmp_path: Path) -> Path:
    data = bytearray(src.read_bytes())
    data[where] ^= 0x01
    out = tmp_path / f"flip{where}.pdf"
    out.write_bytes(bytes(data))
    return out


def pdfsig_valid(path: Path) -> bool:
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    return "Signature is Valid" in out and "Total document signed" in out


def test_intact_memo_verifies(memo):
    path, pem = memo
    result = verify_memo(path)
    assert result.ok and result.intact and result.valid and result.entire_file
    assert result.signer == "张检察官" and result.signing_time is not None and not result.trust_checked
    trusted = verify_memo(path, pem)
    assert trusted.ok and trusted.trusted and trusted.bottom_line
    assert pdfsig_valid(path)


@pytest.mark.parametrize("where", ["middle", "last"])
def test_one_changed_byte_fails(memo, tmp_path, where):
    path, _ = memo
    size = path.stat().st_size
    changed = flipped(path, size // 2 if where == "middle" else size - 1, tmp_path)
    assert not verify_memo(changed).ok
    assert not pdfsig_valid(changed)


def test_changed_signature_bytes_fail(memo, tmp_path):
    path, _ = memo
    at = path.read_bytes().index(b"/Contents <") + 60
    assert not verify_memo(flipped(path, at, tmp_path)).ok


def test_appended_bytes_fail(memo, tmp_path):
    path, _ = memo
    longer = tmp_path / "longer.pdf"
    longer.write_bytes(path.read_bytes() + b"\n% appended note\n")
    result = verify_memo(longer)
    assert not result.ok and result.intact and not result.entire_file


def test_other_signer_not_trusted(memo, tmp_path):
    path, _ = memo
    other = make_identity("他人", tmp_path / "o.p12", b"pw")
    (tmp_path / "o.pem").write_bytes(cert_pem(other))
    assert not verify_memo(path, tmp_path / "o.pem").ok


def test_bad_input(tmp_path):
    (tmp_path / "x.pdf").write_text("not a pdf")
    with pytest.raises(MemoInputError):
        verify_memo(tmp_path / "x.pdf")
    with pytest.raises(MemoInputError):
        verify_memo(tmp_path / "absent.pdf")


def cli(*args, stdin=None):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, input=stdin, cwd=ROOT)


def test_command_line(tmp_path):
    bundle = write_bundle(tmp_path / "b")
    (tmp_path / "pw").write_text("secret\n")
    made = cli("identity", "--name", "李检察官", "--out", tmp_path / "id.p12", "--passphrase-file", tmp_path / "pw")
    assert made.returncode == 0, made.stderr
    base = ["memo", bundle.root, "--identity", tmp_path / "id.p12", "--store", tmp_path / "store"]
    run = cli(*base, "--passphrase-file", tmp_path / "pw", "--out", tmp_path / "m.pdf")
    assert run.returncode == 0, run.stderr
    assert "尚未作出任何决定" in run.stderr
    assert cli("verify-memo", tmp_path / "m.pdf", "--trust", tmp_path / "id.pem").returncode == 0
    flipped_memo = flipped(tmp_path / "m.pdf", (tmp_path / "m.pdf").stat().st_size // 2, tmp_path)
    assert cli("verify-memo", flipped_memo).returncode == 1
    assert cli("verify-memo", tmp_path / "pw").returncode == 2
    wrong = cli(*base, "--out", tmp_path / "w.pdf", stdin="wrong\n")
    assert wrong.returncode == 2 and wrong.stderr.strip() == "身份文件口令错误"
    unwritable = cli(*base, "--passphrase-file", tmp_path / "pw", "--out", tmp_path / "pw" / "m.pdf")
    assert unwritable.returncode == 2 and "Traceback" not in unwritable.stderr
    assert not (tmp_path / "w.pdf").exists()


def fill_audited(store) -> None:
    """fill_review's review, written as the program writes it (audited): `memo` refuses tables the audit
    does not back (models.store.audit_guard)."""
    from models.store import review
    from tests.models.test_memo import CHECKS

    for item in {c[0] for c in CHECKS}:
        review.save_check_results(store, item, [(name, {"article": article, "status": status, "message": message})
                                                for it, name, article, status, message in CHECKS if it == item])
    review.decide(store, "E1", "a31_2_digests", "confirm", "张检察官", note="已复核")
    review.decide(store, "E1", "a33_1_relevance", "answer", "张检察官", note="证明交易过程", answer="相关")
    review.set_outcome(store, "E1", "admissible", None, None, None, "张检察官")
    review.set_outcome(store, "E2", "defect", "第四十三条第（四）项", "未记录网络地址",
                       ["补充在线提取笔录，载明网络地址"], "张检察官")
    review.tag(store, "evidence/E1/聊天记录.txt", "objective_act", "商谈出售公民信息", "张检察官")


def test_review_with_store_decisions_via_cli(tmp_path):
    bundle = write_bundle(tmp_path / "b")
    from models.store.store import open_store

    fill_audited(open_store(bundle, tmp_path / "store"))
    (tmp_path / "pw").write_text("pw")
    assert cli("identity", "--name", "甲", "--out", tmp_path / "id.p12", "--training",
               "--passphrase-file", tmp_path / "pw").returncode == 0
    run = cli("memo", bundle.root, "--identity", tmp_path / "id.p12", "--passphrase-file", tmp_path / "pw",
              "--out", tmp_path / "m.pdf", "--store", tmp_path / "store")
    assert run.returncode == 0 and "尚未作出任何决定" not in run.stderr
    text = subprocess.run(["pdftotext", str(tmp_path / "m.pdf"), "-"], capture_output=True, text=True).stdout
    assert "培训 TRAINING" in text and "补充在线提取笔录，载明网络地址" in text


def _contents(path: Path) -> bytes:
    import re

    return re.search(rb"/Contents <([0-9a-fA-F]+)>", path.read_bytes()).group(1)


def test_no_spare_bytes_and_one_certificate(memo):
    """The signature field holds what the signature needs (pyHanko's default left ~2.3 KB of zeros that took
    edits unseen), and the signer's certificate is carried once (a second, unused copy was there)."""
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader

    path, _ = memo
    hex_digits = _contents(path)
    assert len(hex_digits) - len(hex_digits.rstrip(b"0")) < 64
    sig = PdfFileReader(BytesIO(path.read_bytes()), strict=False).embedded_signatures[-1]
    assert len(sig.signed_data["certificates"]) == 1


def test_verdict_names_an_untrusted_signer(memo, tmp_path):
    path, pem = memo
    plain = cli("verify-memo", path)
    assert plain.returncode == 0 and "结论：完整，但签名人未经信任" in plain.stdout and "完整有效" not in plain.stdout
    trusted = cli("verify-memo", path, "--trust", pem)
    assert trusted.returncode == 0 and "结论：审查意见完整有效" in trusted.stdout
    other = make_identity("张检察官", tmp_path / "same-name.p12", b"pw")  # same name, another key
    (tmp_path / "same-name.pem").write_bytes(cert_pem(other))
    impostor = cli("verify-memo", path, "--trust", tmp_path / "same-name.pem")
    assert impostor.returncode == 1 and "不受所给证书信任" in impostor.stdout
