# The five headline rules of bianzhi, in Rego, for the scale benchmark's peer figure.
#
# input.units: { unit id: [snapshot, ...] }, each snapshot an org file as JSON plus "file" (its
# path). Grouping snapshots by unit id is the one piece of shaping done outside Rego: Rego has no
# group-by, and finding each plan's baseline by scanning every file would be quadratic.
package bianzhi

import rego.v1

grades := ["正部", "副部", "正厅", "副厅", "正处", "副处", "正科", "副科", "股级"]

grade_rank(g) := i if grades[i] == g

unit_grade(s) := object.get(s.unit, "grade", "正科")

snapshots contains s if {
	some _, snaps in input.units
	some s in snaps
}

# BZ001 functional-body-limit: top-level functional bodies <= 10.
bz001 contains {"file": s.file, "count": n} if {
	some s in snapshots
	n := count([b | some b in s.body; b.kind == "functional"; not b.parent])
	n > 10
}

# BZ101 over-quota, per body and category its quota names: the roster where the body has one,
# its staff table otherwise.
body_staff(s, b, cat) := n if {
	roster := [p | some p in s.person; p.body == b.id]
	count(roster) > 0
	n := count([p | some p in roster; p.establishment == cat])
}

body_staff(s, b, cat) := object.get(b, ["staff", cat], 0) if {
	not some_person_in(s, b)
}

some_person_in(s, b) if {
	some p in s.person
	p.body == b.id
}

bz101 contains {"file": s.file, "body": b.id, "category": cat, "staff": n, "quota": q} if {
	some s in snapshots
	some b in s.body
	some cat, q in b.quota
	n := body_staff(s, b, cat)
	n > q
}

# BZ101 over-quota, per unit and category: the leadership team and every body but dispatched ones.
dispatched(s) := {b.id | some b in s.body; b.kind == "dispatched"}

bz101 contains {"file": s.file, "unit": s.unit.id, "category": cat, "staff": n, "quota": q} if {
	some s in snapshots
	some cat, q in s.quota
	is_number(q)
	skip := dispatched(s)
	roster := count([p | some p in s.person; p.establishment == cat; not skip[p.body]])
	tables := sum([object.get(b, ["staff", cat], 0) |
		some b in s.body
		not skip[b.id]
		not some_person_in(s, b)
	])
	n := roster + tables
	n > q
}

# BZ104 headcount-increase: the total approved establishment does not grow against the baseline
# (the newest earlier current snapshot of the same unit; current before proposal on one date).
key(s) := [s.unit.as_of, s.unit.status == "proposal"]

total(s) := sum([v | some _, v in s.quota; is_number(v)])

bz104 contains {"file": s.file, "total": total(s), "baseline": total(base)} if {
	some _, snaps in input.units
	count(snaps) > 1
	some s in snaps
	earlier := [b | some b in snaps; b.unit.status == "current"; key(b) < key(s)]
	count(earlier) > 0
	newest := max([key(b) | some b in earlier])
	some base in earlier
	key(base) == newest
	total(s) > total(base)
}

# BZ201 over-posts: per body and for the leadership team, per grade, persons <= approved posts.
bz201 contains {"file": s.file, "body": b.id, "grade": g, "count": n, "posts": m} if {
	some s in snapshots
	some b in s.body
	some g, m in b.posts
	n := count([p | some p in s.person; p.body == b.id; p.grade == g])
	n > m
}

bz201 contains {"file": s.file, "body": s.unit.id, "grade": g, "count": n, "posts": m} if {
	some s in snapshots
	some g, m in s.quota.posts
	n := count([p | some p in s.person; p.body == s.unit.id; p.grade == g])
	n > m
}

# BZ202 over-grade-appointment: a person's grade is at most their body's (the unit's for the
# leadership team); a principal with upper_post may hold one grade above the unit.
principals := {"党委书记", "镇长"}

seat_grade(s, p) := unit_grade(s) if p.body == s.unit.id

seat_grade(s, p) := g if {
	some b in s.body
	b.id == p.body
	g := object.get(b, "grade", "股级")
}

allowed_above(s, p) := 1 if {
	p.body == s.unit.id
	principals[p.title]
	p.upper_post
} else := 0

bz202 contains {"file": s.file, "person": p.id, "grade": p.grade} if {
	some s in snapshots
	some p in s.person
	p.grade
	seat := seat_grade(s, p)
	grade_rank(seat) - grade_rank(p.grade) > allowed_above(s, p)
}

findings := {
	"BZ001": count(bz001),
	"BZ101": count(bz101),
	"BZ104": count(bz104),
	"BZ201": count(bz201),
	"BZ202": count(bz202),
}
