"""Job-related language courses (BerD, DeuFöV): entitlement, billing, capacity (plain Python on akte.rules).

    from akte.courses.entitlement import check_entitlement
    check = check_entitlement({"residence_status": "permission_to_stay", ...}, as_of=day)
    check.may_attend, check.reasons, check.explanation      # structure and codes

    from akte.courses.billing import bill
    invoice = bill(course, participants, marks, first, last)  # marks: any iterable, streamed
    invoice.lines, invoice.problems, invoice.payable

The figures live in `rulebooks/deufoev` (dated rules with sources); see docs/courses.md.
"""
