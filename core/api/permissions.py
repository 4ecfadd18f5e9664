from rest_framework.permissions import SAFE_METHODS, BasePermission


class HeeftRol(BasePermission):
    """Reads `required_roles` on the view: {action or "read"/"write": {rollen}}.

    Reading defaults to every party (rows are scoped by the queryset); writing
    must be granted explicitly per action.
    """

    message = "Uw rol mag deze handeling niet uitvoeren."

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        required = getattr(view, "required_roles", {})
        action = getattr(view, "action", None)
        if action in required:
            return user.rol in required[action]
        if request.method in SAFE_METHODS:
            return user.rol in required.get(
                "read", {"gemeente", "aanbieder", "beheerder"}
            )
        return user.rol in required.get("write", set())
