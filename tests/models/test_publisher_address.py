"""Publishers' permanent addresses: built from the record id; the harvested one is provenance."""

import pytest

from catalog.models.provenance import publisher_address, publisher_named

WILSON = "Wilson Center Digital Archive"
PERMANENT = "https://digitalarchive.wilsoncenter.org/document/122923"


@pytest.mark.parametrize(
    ("harvested", "kind"),
    [
        ("https://wilson-center-digital-archive.dvincitest.com/document/122923", "test host"),
        (PERMANENT, "permanent"),
        ("http://digitalarchive.wilsoncenter.org/document/122923", "mirror or older address"),
        ("", ""),
    ],
)
def test_the_wilson_center_address_is_built_from_the_record_id(harvested, kind):
    address = publisher_address(WILSON, "122923", harvested)
    assert address.permanent == PERMANENT
    assert (address.harvested, address.harvested_from) == (harvested, kind)
    assert address.harvested_differs == (harvested not in ("", PERMANENT))


def test_the_former_name_of_the_archive_is_the_same_publisher():
    former = "History and Public Policy Program Digital Archive"
    assert publisher_named(former) is publisher_named(WILSON)
    assert publisher_address(former, "122924", "").permanent.endswith("/document/122924")


def test_an_unknown_publishers_harvested_address_is_used_unless_it_is_a_test_host():
    assert publisher_address("Other", "7", "https://example.org/7").permanent == (
        "https://example.org/7"
    )
    test_host = "https://wilson-center-digital-archive.dvincitest.com/document/7"
    assert publisher_address("Other", "7", test_host).permanent == ""
    assert publisher_address(WILSON, "", test_host).permanent == ""
