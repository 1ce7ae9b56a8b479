app_name = "interviews"

# Each part of issue 17 adds its pages here (the kit, scorecards, scheduling, My interviews).
urlpatterns: list = []
