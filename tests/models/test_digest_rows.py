"""digest_rows (verify's fast reading of a digest list) gives what parse_digest_list gives, grouped by line."""

import hashlib

from models.integrity import recorded

MD5 = hashlib.md5(b"a").hexdigest()
SHA256 = hashlib.sha256(b"a").hexdigest()


def _grouped(parsed) -> list[tuple]:
    rows: dict = {}
    for d in parsed.digests:
        rows.setdefault(d.line, [d.path, [], d.size])[1].append((d.algorithm, d.value))
    return [(path, tuple(a for a, _v in digests), tuple(v for _a, v in digests), size, line)
            for line, (path, digests, size) in rows.items()]


def _same(data: bytes, name: str = "") -> tuple[list, list]:
    rows, findings = recorded.digest_rows(data, name=name)
    parsed = recorded.parse_digest_list(data, name=name)
    assert [tuple(r) for r in rows] == _grouped(parsed)
    assert findings == parsed.findings
    return rows, findings


def test_hashdeep_fast_and_slow_lines_agree():
    text = (f"%%%% HASHDEEP-1.0\n%%%% size,md5,sha256,filename\n## Invoked from: /case\n"
            f"12,{MD5},{SHA256},evidence/a,b,c.txt\nx,{MD5},{SHA256},bad-size\n12,zz,{SHA256},bad-md5\n"
            f"7,{MD5.upper()},{SHA256},upper.txt\r\n3, {MD5},{SHA256},spaced.txt\n4,{MD5},{SHA256},\n"
            f"9,{MD5},{SHA256[:-1]},short\n")
    rows, findings = _same(text.encode("utf-8-sig"))
    # a defective line verifies nothing, its valid column neither (a record defect naming its file)
    assert [r.path for r in rows] == ["evidence/a,b,c.txt", "upper.txt", "spaced.txt", ""]
    assert rows[0].digests == (("md5", MD5), ("sha256", SHA256)) and rows[0].size == 12
    assert rows[1].digests[0] == ("md5", MD5)  # lower-cased, as parse_digest_list does
    assert {f.line: f.path for f in findings} == {5: "bad-size", 6: "bad-md5", 10: "short"}


def test_hashdeep_other_column_orders():
    sha1 = hashlib.sha1(b"a").hexdigest()
    for header, line in (("md5,sha1,filename", f"{MD5},{sha1},x/y"), ("size,sha256,tiger,filename", f"1,{SHA256},ab,z"),
                         ("md5,size,sha256,filename", f"{MD5},5,{SHA256},odd"), ("filename", "name only")):
        rows, _findings = _same(f"%%%% HASHDEEP-1.0\n%%%% {header}\n{line}\n".encode())
        assert len(rows) == (0 if header == "filename" else 1)


def test_hashdeep_without_header_and_sum_lists():
    _rows, findings = _same(f"%%%% HASHDEEP-1.0\n1,{MD5},{SHA256},x\n".encode())
    assert findings and findings[0].line == 2
    rows, findings = _same(f"{MD5}  a/b.txt\nnot a line\n{SHA256} *c d.bin\n".encode())
    assert [r.digests[0][0] for r in rows] == ["md5", "sha256"] and [f.line for f in findings] == [2]


def test_corpus_lists(corpus_dir):
    folder = corpus_dir / "hashlists/hashdeep/sample-hashes"
    for name in ("hashdeep.txt", "md5deep-size.txt"):
        rows, findings = _same((folder / name).read_bytes(), name)
        assert rows and not findings
