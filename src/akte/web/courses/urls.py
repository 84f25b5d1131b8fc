from django.urls import path

from . import views, views_days, views_figures, views_money, views_providers

app_name = "courses"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.course_new, name="course_new"),
    path("figures/", views_figures.figures_page, name="figures"),
    path("figures.csv", views_figures.figures_csv, name="figures_csv"),
    path("providers/", views_providers.providers, name="providers"),
    path("providers/<int:pk>/approve/", views_providers.provider_approve, name="provider_approve"),
    path("courses/<int:pk>/", views.course, name="course"),
    path("courses/<int:pk>/approve/", views.course_approve, name="approve"),
    path("courses/<int:pk>/enrol/", views.enrol, name="enrol"),
    path("courses/<int:pk>/days/<str:day>/", views_days.day, name="day"),
    path("courses/<int:pk>/invoice/", views_money.invoice_new, name="invoice_new"),
    path("participants/<int:pk>/exam/", views_money.exam, name="exam"),
    path("invoices/<int:pk>/", views_money.invoice, name="invoice"),
    path("invoices/<int:pk>/decide/", views_money.invoice_decide, name="invoice_decide"),
    path("invoices/<int:pk>/pdf/", views_money.invoice_pdf, name="invoice_pdf"),
    path("invoices/<int:pk>/csv/", views_money.invoice_csv, name="invoice_csv"),
    path("invoices/<int:pk>/xrechnung.xml", views_money.invoice_xml, name="invoice_xml"),
]
