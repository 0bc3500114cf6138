"""Loading a whole plan from its YAML data file (the format of fixtures/).

The YAML file holds the plan data as it is: checking it is checks.py's work, writing it
writer.py's. The names stay importable from here, where loaders have always found them.
"""

from .checks import PlanDataError, plan_data_check
from .writer import plan_import

__all__ = ["PlanDataError", "plan_data_check", "plan_import"]
