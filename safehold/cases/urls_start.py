from django.urls import path

from safehold.cases import views_start

app_name = "start"
urlpatterns = [
    path("", views_start.my_work, name="my_work"),
    path("attention/", views_start.attention_page, name="attention"),
]
