from django.urls import path

from . import (
    views,
    views_days,
    views_exams,
    views_figures,
    views_money,
    views_providers,
    views_refunds,
)

app_name = "courses"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.course_new, name="course_new"),
    path("figures/", views_figures.figures_page, name="figures"),
    path("figures.csv", views_figures.figures_csv, name="figures_csv"),
    path("providers/", views_providers.providers, name="providers"),
    path("providers/<int:pk>/approve/", views_providers.provider_approve, name="provider_approve"),
    path("providers/<int:pk>/leitweg/", views_providers.provider_leitweg, name="provider_leitweg"),
    path("courses/<int:pk>/", views.course, name="course"),
    path("courses/<int:pk>/approve/", views.course_approve, name="approve"),
    path("courses/<int:pk>/enrol/", views.enrol, name="enrol"),
    path("courses/<int:pk>/days/<str:day>/", views_days.day, name="day"),
    path("courses/<int:pk>/invoice/", views_money.invoice_new, name="invoice_new"),
    path("participants/<int:pk>/exam/", views_exams.exam, name="exam"),
    path(
        "participants/<int:pk>/certificate.pdf",
        views_exams.participation_certificate,
        name="participation_certificate",
    ),
    path("exam-centres/", views_exams.centres, name="centres"),
    path("refunds/", views_refunds.refunds, name="refunds"),
    path("refunds.csv", views_refunds.refunds_csv, name="refunds_csv"),
    path("participants/<int:pk>/refund/pay/", views_refunds.refund_pay, name="refund_pay"),
    path("exam-centres/<int:pk>/approve/", views_exams.centre_approve, name="centre_approve"),
    path("invoices/<int:pk>/", views_money.invoice, name="invoice"),
    path("invoices/<int:pk>/decide/", views_money.invoice_decide, name="invoice_decide"),
    path("invoices/<int:pk>/pdf/", views_money.invoice_pdf, name="invoice_pdf"),
    path("invoices/<int:pk>/csv/", views_money.invoice_csv, name="invoice_csv"),
    path("invoices/<int:pk>/xrechnung.xml", views_money.invoice_xml, name="invoice_xml"),
]
