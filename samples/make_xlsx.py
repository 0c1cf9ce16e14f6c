"""Write samples/实施清单.xlsx from samples/实施清单.json, which holds the records (readable in a
diff): python samples/make_xlsx.py [OUT.xlsx]"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from guidekit.exchange.write import write_xlsx

HERE = Path(__file__).parent


def main(out: Path = HERE / "实施清单.xlsx") -> None:
    records = json.loads((HERE / "实施清单.json").read_text("utf-8"))
    write_xlsx(records, out)


if __name__ == "__main__":
    main(*(Path(arg) for arg in sys.argv[1:]))
