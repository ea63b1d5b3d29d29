#[test]
fn a_key_post_nobody_may_take_names_the_closest_candidates_and_what_they_miss() {
    // the secretary post of 311 is vacant and key; the deputy secretary of 312 would be a
    // promotion without a planning entry
    let mut t = Tiny::new();
    t.unit("HU1", UnitKind::PartyCommittee, "311", Level::District)
        .unit("HU2", UnitKind::PartyCommittee, "312", Level::District)
        .post("BT1", "HU1", Role::PartySecretary, Level::District, None, true, None)
        .post("PBT2", "HU2", Role::DeputyPartySecretary, Level::District, None, false, Some("D"));
    let c = t.cadre("D", d(1975, 1, 1));
    c.post = Some("PBT2".into());
    spell(c, Role::DeputyPartySecretary, Level::District, "312", "PBT2", d(2018, 1, 1));
    let s = t.scenario();
    let p = policy_with(&["movers-in-planning"]);
    let out = plan_default(&s, &p);
    assert_eq!(out.plan.status, "infeasible");
    let row = out.plan.infeasibility.iter().find(|r| r.rule == "key-post-filled").expect("the key post gives");
    assert_eq!(row.subject, "BT1");
    let facts = row.facts.join("\n");
    assert!(facts.contains(": 0 eligible cadres"), "{facts}");
    assert!(
        facts.contains(
            "closest: Nguyễn Văn D (D): A rotated cadre is in the planning for the post or an equivalent one"
        ) && facts.contains("not in the planning for this post or an equivalent one"),
        "{facts}"
    );
}
