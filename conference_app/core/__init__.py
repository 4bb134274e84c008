"""The application core: domain rules, storage, importers, exporters and services. Never imports Qt."""
