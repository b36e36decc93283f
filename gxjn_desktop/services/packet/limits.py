"""Every limit a packet reader enforces, in one place (documented in docs/packet.md).

Far above a real packet (a unit-year is ~9 members and well under 10 MiB), far below what would
hurt an old office PC. They are checked from the zip's central directory before anything is read,
and enforced again while reading, since headers can lie.
"""

from __future__ import annotations

MAX_PACKET_BYTES = 200 * 1024 * 1024  # the .zip file itself
MAX_MEMBERS = 64  # a bag has exactly 9; the rest is room to name what is extra
MAX_MEMBER_BYTES = 100 * 1024 * 1024  # one member, uncompressed
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # all members, uncompressed
MAX_RATIO = 200  # uncompressed / compressed, for a member larger than RATIO_FLOOR_BYTES
RATIO_FLOOR_BYTES = 64 * 1024
MAX_NAME_CHARS = 255  # one member name
MAX_TAG_FILE_BYTES = 64 * 1024  # bagit.txt, bag-info.txt, the manifests, the signature
MAX_JSON_BYTES = 32 * 1024 * 1024  # data.json
MAX_JSON_DEPTH = 32  # nesting of objects and arrays in data.json (a real one has 7)
MAX_XLSX_MEMBERS = 2000  # parts inside report.xlsx
MAX_XLSX_PART_BYTES = 64 * 1024 * 1024
MAX_PROBLEMS = 100  # what verify reports at most (a hostile packet could name millions)
