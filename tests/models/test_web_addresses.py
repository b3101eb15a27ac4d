"""Web addresses are http or https, checked by the model and guarded again where shown."""

import pytest
from django.core.exceptions import ValidationError

from catalog.models import Document, Repository, Status


@pytest.mark.parametrize(
    "address", ["javascript:alert(document.cookie)", "data:text/html,<b>x</b>", "ftp://a.org/f"]
)
def test_full_clean_refuses_an_address_that_is_not_a_web_address(db, address):
    document = Document(title="Memo", slug="memo", publisher_url=address)
    with pytest.raises(ValidationError) as refused:
        document.full_clean()
    message = "Enter a web address beginning with http:// or https://."
    assert message in refused.value.message_dict["publisher_url"]
    repository = Repository(name="BStU", slug="bstu", url=address)
    with pytest.raises(ValidationError, match="http:// or https://"):
        repository.full_clean()


def test_a_web_address_is_accepted(db):
    Document(
        title="Memo", slug="memo", publisher_url="https://digitalarchive.wilsoncenter.org/x"
    ).full_clean()


def test_a_script_address_written_outside_the_forms_never_becomes_a_link(client, db):
    document = Document.objects.create(title="Memo", slug="memo", status=Status.PUBLISHED)
    Document.objects.filter(pk=document.pk).update(publisher_url="JavaScript:alert(1)")
    page = client.get(document.get_absolute_url()).content.decode()
    assert "alert(1)" not in page
    assert "sameAs" not in page


def test_every_page_has_a_content_security_policy(client, db):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
