from ninja import NinjaAPI

api = NinjaAPI(title="Ghostless API", version="1", urls_namespace="api")
