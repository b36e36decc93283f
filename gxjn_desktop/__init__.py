"""gxjn: energy and resource statistics for Guangxi public institutions (公共机构能源资源统计)."""

__version__ = "0.1.0"
