import json

from bot.models import Casualty, Facts, GroupMention


def test_facts_to_dict_is_the_extract_contract():
    f = Facts(kind="attack", groups=(GroupMention("adf", "Allied Democratic Forces", "perpetrator", "ADF"),),
              country="CD", province="North Kivu", province_code="CD-NK", place="Beni", killed=38,
              casualties=(Casualty("killed", 38, "at least", False, "killed at least 38 people"),
                          Casualty("killed", 2, None, False, "two attackers", perpetrators=True)),
              evidence=("blamed",))
    d = json.loads(json.dumps(f.to_dict()))
    assert d["groups"] == [{"id": "adf", "name": "Allied Democratic Forces", "role": "perpetrator"}]
    assert d["casualties"][0] == {"type": "killed", "value": 38, "qualifier": "at least", "approximate": False,
                                  "text": "killed at least 38 people", "this_event": True}
    assert d["casualties"][1]["perpetrators"] is True
    assert (d["country"], d["province_code"], d["place"], d["killed"], d["wounded"]) == ("CD", "CD-NK", "Beni", 38, None)
    assert set(d) == {"kind", "groups", "country", "province", "province_code", "place", "lat", "lon", "precision", "killed", "wounded",
                      "arrested", "casualties", "evidence"}
