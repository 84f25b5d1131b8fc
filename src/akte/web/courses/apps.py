from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "akte.web.courses"
    label = "courses"
