from akte.web.accounts.roles import Role


def test_clerk_sees_list_and_page(users, make_procedure, client_for):
    procedure = make_procedure()
    client = client_for(users[Role.REGISTRY_CLERK])
    response = client.get("/")
    assert response.status_code == 200
    assert procedure.file_number in response.text
    response = client.get(f"/procedures/{procedure.pk}/")
    assert response.status_code == 200
    assert "محمد" in response.text
