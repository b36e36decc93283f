from tests.services.packet.conftest import demo_data  # noqa: F401  (the same data.json as the workbook's tests)
