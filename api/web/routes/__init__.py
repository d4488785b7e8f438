"""Page routes, one module per area; `api.web.router.build_router` gathers them."""
