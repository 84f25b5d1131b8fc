"""Template context every page needs: what the user may do and the purpose they work for."""

from akte.web.accounts.purposes import allowed_purposes, chosen_purpose
from akte.web.accounts.roles import Capability


def akte(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "perms_register": user.can(Capability.REGISTER),
        "perms_access_log": user.can(Capability.VIEW_ACCESS_LOG),
        "perms_change_status": user.can(Capability.CHANGE_STATUS),
        "perms_upload": user.can(Capability.UPLOAD_DOCUMENT),
        "perms_conduct": user.can(Capability.CONDUCT_HEARING),
        "perms_quality": user.can(Capability.VIEW_QUALITY),
        "perms_search": user.can(Capability.SEARCH_PERSONS),
        "perms_dublin": user.can(Capability.TRACK_DUBLIN),
        "perms_courses": user.can(Capability.MANAGE_COURSES) or user.can(Capability.RUN_COURSES),
        "perms_admin": user.can(Capability.MANAGE_USERS),
        "perms_merge": user.can(Capability.MERGE_PERSONS),
        "perms_statistics": user.can(Capability.VIEW_STATISTICS),
        "perms_decide": user.can(Capability.DECIDE),
        "purposes": [(p.value, p.label) for p in allowed_purposes(user.role)],
        "current_purpose": chosen_purpose(request),
    }
