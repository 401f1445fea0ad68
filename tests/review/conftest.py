"""The 汇总 tests import their helpers by module name (tests/ folders are not packages)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
