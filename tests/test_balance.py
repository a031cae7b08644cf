"""The week at a glance: the story model counts the sites each side held, sample by sample,
with the same state rule as the map, so a lecturer can point at the balance tipping."""

import numpy as np
from petrograd1917.geodata.balance import site_balance, stacking_order
from petrograd1917.geodata.calendar import parse_time as at
from petrograd1917.geodata.timeline import Timeline


def test_every_sample_counts_every_site_once(petrograd):
    balance = site_balance(petrograd)
    assert balance.counts.shape == (6 * 24 * 6 + 1, len(petrograd.controls))
    assert (balance.counts.sum(axis=1) == len(petrograd.sites)).all()
    assert balance.times[0] == petrograd.start and balance.times[-1] == petrograd.end


def test_the_bands_stack_one_side_below_the_middle_and_the_other_above(petrograd):
    assert stacking_order(petrograd) == ("government", "unknown", "contested", "mrc")


def test_counts_follow_the_state_rule(petrograd):
    balance, tl = site_balance(petrograd, step=7), Timeline(petrograd)
    for i in range(0, len(balance.counts), 53):
        t = int(balance.times[i])
        held = [tl.control_ids[c] for c in tl.state_at(t).control]
        assert balance.at(t) == {c: held.count(c) for c in balance.controls}


def test_the_balance_tips_between_the_21st_and_the_26th(petrograd):
    balance = site_balance(petrograd)
    start, end = balance.at(at("1917-10-21T01:00")), balance.at(at("1917-10-26T12:00"))
    assert start["government"] > start["mrc"]
    assert end["mrc"] > end["government"] * 2
    night = balance.at(at("1917-10-25T02:00"))              # the night of the seizures
    assert night["contested"] > 0


def test_json_for_the_web_page(mini):
    data = site_balance(mini, step=60).as_json()
    assert data["controls"] == list(stacking_order(mini))
    assert len(data["counts"]) == len(data["controls"])
    assert all(len(col) == 6 * 24 + 1 for col in data["counts"])
    assert np.array(data["counts"]).sum(axis=0).tolist() == [len(mini.sites)] * (6 * 24 + 1)
