"""Where the images are stored: a folder by default, an S3-compatible bucket when named."""

from config.settings import default_storage


def test_a_folder_by_default(monkeypatch):
    monkeypatch.delenv("LIAISON_S3_BUCKET", raising=False)
    assert default_storage() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_bucket_when_one_is_named(monkeypatch):
    monkeypatch.setenv("LIAISON_S3_BUCKET", "liaison-scans")
    monkeypatch.setenv("LIAISON_S3_ENDPOINT_URL", "https://minio.example.org")
    monkeypatch.setenv("LIAISON_S3_PREFIX", "/catalog/")
    monkeypatch.delenv("LIAISON_S3_ACCESS_KEY_ID", raising=False)
    storage = default_storage()
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"] == {
        "bucket_name": "liaison-scans",
        "location": "catalog",
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
        "endpoint_url": "https://minio.example.org",
    }
