"""`InLijst`: `veld IN (…)` for a long list of values, as one parameter.

Django writes `toewijzing_nummer__in=nummers` as one placeholder per value: for
the 10,000 lines of a WMO323 that is 10,000 parameters to prepare, compile and
quote per query. On PostgreSQL `InLijst` sends the list as one array
(`veld = ANY(%s::type[])`), so the SQL stays the same size whatever the number of
values; on other databases it is Django's own `In` lookup.

    Toewijzing.objects.filter(InLijst("toewijzing_nummer", nummers))
"""

from collections.abc import Iterable

from django.db.models import CharField, F, IntegerField, Lookup, TextField
from django.db.models.lookups import In

# Types whose Python values psycopg takes as they are, in an array too.
_AS_IS = (IntegerField, CharField, TextField)


class InLijst(Lookup):
    lookup_name = "in_lijst"
    prepare_rhs = False

    def __init__(self, veld: str | F, waarden: Iterable) -> None:
        super().__init__(F(veld) if isinstance(veld, str) else veld, list(waarden))

    def as_sql(self, compiler, connection):
        if connection.vendor != "postgresql":
            if not self.rhs:  # Django's In raises EmptyResultSet: no rows
                return "1 = 0", []
            return In(self.lhs, self.rhs).as_sql(compiler, connection)
        lhs, params = self.process_lhs(compiler, connection)
        veld = self.lhs.output_field
        soort = veld.cast_db_type(connection)
        waarden = self.rhs
        doel = veld.target_field if veld.is_relation else veld
        if isinstance(doel, IntegerField) and all(type(w) is int for w in waarden):
            # An array literal of ints, not a list for psycopg to dump item by item.
            return f"{lhs} = ANY(%s::{soort}[])", [
                *params,
                "{" + ",".join(map(str, waarden)) + "}",
            ]
        if not isinstance(doel, _AS_IS):
            waarden = [
                veld.get_db_prep_value(w, connection, prepared=False) for w in waarden
            ]
        return f"{lhs} = ANY(%s::{soort}[])", [*params, waarden]
