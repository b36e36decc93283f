"""The report packet (报送数据包): data.json, the BagIt bag, its minisign signature, export and verify.

See docs/packet.md for the layout, the data.json schema and the problem codes of ``verify``.
"""
