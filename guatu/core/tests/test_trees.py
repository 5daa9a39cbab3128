import pytest

from guatu.core.models import Platform, Region

pytestmark = pytest.mark.django_db


def test_zhejiang_is_seeded_with_eleven_cities_and_ninety_counties():
    assert Region.objects.filter(level="city").count() == 11
    assert Region.objects.filter(level="county", path__startswith="330000/").count() == 90
    assert Region.objects.get(code="330881").name == "江山市"


def test_a_subtree_is_one_prefix_query(django_assert_num_queries):
    quzhou = Region.objects.get(code="330800")
    with django_assert_num_queries(1):
        names = set(Region.objects.subtree(quzhou).values_list("name", flat=True))
    assert names == {"衢州市", "柯城区", "衢江区", "常山县", "开化县", "龙游县", "江山市"}


def test_moving_a_node_moves_its_descendants():
    top = Platform.objects.create(code="A", name="A园区")
    mid = Platform.objects.create(code="B", name="B片区", parent=top)
    leaf = Platform.objects.create(code="C", name="C块", parent=mid)
    other = Platform.objects.create(code="X", name="X园区")
    mid.parent = other
    mid.save()
    leaf.refresh_from_db()
    assert leaf.path == "X/B/C/"
    assert list(Platform.objects.subtree(other).values_list("code", flat=True)) == ["X", "B", "C"]
    assert [n.code for n in leaf.ancestors()] == ["X", "B"]


def test_lookup_accepts_code_name_and_other_quote_styles():
    assert Region.objects.lookup("330800").name == "衢州市"
    assert Region.objects.lookup("衢州市").code == "330800"
    from guatu.projects.models import ProjectList

    assert ProjectList.objects.lookup("省“千项万亿”工程项目").code == "QXWY"
    with pytest.raises(Region.DoesNotExist, match="火星市"):
        Region.objects.lookup("火星市")
