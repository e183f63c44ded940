import httpx, pytest
PASTED = ("Norway suspends intelligence sharing with Denmark\npublished: 2025-04-02\n\n"
          "OSLO - Norway suspended intelligence sharing with Denmark on 2 April, officials said.\n")
@pytest.mark.parametrize("step", ["health", "extract", "nor"])
def test_x(live_server, step):
    if step == "health": httpx.get(live_server.url + "/health")
    if step == "extract": httpx.post(live_server.url + "/explorer/extract", content=PASTED, headers={"content-type": "text/plain"})
    if step == "nor": httpx.get(live_server.url + "/countries/NOR/relationships")
