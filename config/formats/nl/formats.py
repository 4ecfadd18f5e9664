"""Dutch display of dates in the portal: dd-mm-jjjj (Django's nl default is '5 januari
2026'); what is typed is read in the same notation or as ISO (a date input sends ISO)."""

DATE_FORMAT = "d-m-Y"
SHORT_DATE_FORMAT = "d-m-Y"
DATETIME_FORMAT = "d-m-Y H:i"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d-%m-%y"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
