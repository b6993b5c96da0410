"""`python main.py demo OUT_DIR`: write the built-in sample and training cases."""

import sys
from pathlib import Path

from models.common.os_errors import os_reason


def add_arguments(parser) -> None:
    parser.add_argument("out_dir", metavar="OUT_DIR",
                        help="写出示例案件的空文件夹 / an empty folder for the sample cases")


def run(args) -> int:
    """Write the cases; print each path written. Exit 2 with one line if OUT_DIR is not usable."""
    from models.bundle.bundle_writer import BundleWriteError
    from models.bundle.output_paths import output_problem
    from models.demo.demo import write_demo

    problem = output_problem(Path(args.out_dir), None, "示例案件", "sample cases")  # never into evidence
    if problem:
        print(problem, file=sys.stderr)
        return 2
    try:
        paths = write_demo(Path(args.out_dir))
    except BundleWriteError as exc:
        print(f"无法写出示例案件 / cannot write the sample cases: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"无法写入 / cannot write: {exc.filename or args.out_dir}: {os_reason(exc)}", file=sys.stderr)
        return 2
    for path in paths:
        print(path)
    return 0
