//! A deterministic workload: N realistic towns under counties of about 10, written as org files.
//!
//! Each town has 10–15 bodies, 80–200 people with grades and ranks, 20–40 powers; every county has
//! a file with its establishment limit; one town in ten also has an earlier snapshot and a
//! reorganization plan; a controlled share of towns carries a violation (an over-quota body, an
//! eleventh functional body, or an unapproved title). Shared by the benchmark and by
//! `cargo run --release --example gen_workload`.

use std::fmt::Write as _;
use std::path::Path;

/// xorshift64*: small, fast and the same everywhere, so a seed always gives the same files.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// What was written.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub files: usize,
    pub bytes: u64,
    pub towns: usize,
}

const BACK: &[(&str, &str)] = &[
    ("dzb", "党政办公室"),
    ("jjfz", "经济发展局"),
    ("jsgl", "建设管理局"),
    ("shsy", "社会事业局"),
    ("czj", "财政和资产管理局"),
    ("yjgl", "应急管理局"),
    ("nyj", "农村工作局"),
    ("shbz", "社会保障局"),
];
const INSTITUTIONS: &[(&str, &str)] = &[
    ("ghzx", "规划建设管理服务中心"),
    ("wgzx", "网格化社会治理联动中心"),
    ("nyzx", "农业农村服务中心"),
    ("whzx", "文化体育服务中心"),
];
const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "军", "强",
];

/// One body as generated: id, name, kind, office/duty, quota and roster.
struct Body {
    id: String,
    name: &'static str,
    kind: &'static str,
    front: Option<&'static str>,
    category: &'static str,
    staff: u64,
    quota: u64,
}

fn person(out: &mut String, rng: &mut Rng, id: &str, body: &str, est: &str, extra: &str) {
    let name = format!(
        "{}{}",
        SURNAMES[rng.range(0, SURNAMES.len() as u64 - 1) as usize],
        GIVEN[rng.range(0, GIVEN.len() as u64 - 1) as usize]
    );
    let _ = write!(
        out,
        "\n[[person]]\nid = \"{id}\"\nname = \"{name}\"\nbody = \"{body}\"\nestablishment = \"{est}\"\n{extra}"
    );
}

/// Writes one town snapshot; returns its text.
fn town(
    rng: &mut Rng,
    id: &str,
    county: &str,
    as_of: &str,
    status: &str,
    violation: u64,
    documented: bool,
) -> String {
    let mut s = String::with_capacity(40_000);
    let _ = write!(
        s,
        "[unit]\nid = \"{id}\"\nname = \"{id}镇\"\nkind = \"town\"\nas_of = {as_of}\nstatus = \"{status}\"\nparent = \"{county}\"\ndeveloped_town = true\nregion = \"east\"\n\n[unit.stats]\nbuilt_up_population = {}\ntop10_years = {}\n",
        rng.range(100_000, 300_000),
        rng.range(2, 8)
    );
    if documented {
        // The decision that devolved the town's powers (BZ308 then has nothing to say).
        let _ = write!(
            s,
            "\n[unit.devolved_by]\nby = \"{county}区人民政府\"\ndoc = \"{county}政发〔2018〕3号\"\ndate = 2018-01-15\n"
        );
    }
    let mut bodies = Vec::new();
    let n_back = rng.range(6, 8) as usize;
    for (bid, name) in BACK.iter().take(n_back) {
        bodies.push(Body {
            id: bid.to_string(),
            name,
            kind: "functional",
            front: None,
            category: "administrative",
            staff: rng.range(5, 12),
            quota: 0,
        });
    }
    bodies.push(Body {
        id: "spj".into(),
        name: "行政审批局",
        kind: "functional",
        front: Some("service"),
        category: "administrative",
        staff: rng.range(8, 16),
        quota: 0,
    });
    bodies.push(Body {
        id: "zfj".into(),
        name: "综合执法局",
        kind: "functional",
        front: Some("enforcement"),
        category: "administrative",
        staff: rng.range(10, 25),
        quota: 0,
    });
    let n_inst = rng.range(1, 4) as usize;
    for (bid, name) in INSTITUTIONS.iter().take(n_inst) {
        bodies.push(Body {
            id: bid.to_string(),
            name,
            kind: "institution",
            front: None,
            category: "institution",
            staff: rng.range(5, 20),
            quota: 0,
        });
    }
    if violation == 1 {
        bodies.push(Body {
            id: "xfb".into(),
            name: "信访办公室",
            kind: "functional",
            front: None,
            category: "administrative",
            staff: 3,
            quota: 0,
        });
        bodies.push(Body {
            id: "kjb".into(),
            name: "科技办公室",
            kind: "functional",
            front: None,
            category: "administrative",
            staff: 3,
            quota: 0,
        });
        bodies.push(Body {
            id: "tjb".into(),
            name: "统计办公室",
            kind: "functional",
            front: None,
            category: "administrative",
            staff: 3,
            quota: 0,
        });
    }
    for b in &mut bodies {
        b.quota = b.staff + rng.range(0, 3);
    }
    if violation == 2 {
        bodies[0].staff = bodies[0].quota + 1;
    }
    let leaders = 6 + rng.range(0, 3);
    let adm: u64 = leaders
        + bodies
            .iter()
            .filter(|b| b.category == "administrative")
            .map(|b| b.quota)
            .sum::<u64>();
    let inst: u64 = bodies
        .iter()
        .filter(|b| b.category == "institution")
        .map(|b| b.quota)
        .sum::<u64>();
    let _ = write!(
        s,
        "\n[quota]\nadministrative = {}\ninstitution = {}\nworker = 2\nposts = {{ \"正科\" = 3, \"副科\" = {} }}\n",
        adm + rng.range(0, 4),
        inst + rng.range(0, 4),
        leaders
    );
    for b in &bodies {
        let _ = write!(
            s,
            "\n[[body]]\nid = \"{}\"\nname = \"{}\"\nkind = \"{}\"\ngrade = \"副科\"\n",
            b.id, b.name, b.kind
        );
        if let Some(duty) = b.front {
            let _ = write!(s, "office = \"front\"\nduty = \"{duty}\"\n");
        }
        let _ = write!(
            s,
            "quota = {{ {} = {} }}\nposts = {{ \"副科\" = 1, \"股级\" = 1 }}\napproval = {{ by = \"{county}区委机构编制委员会\", doc = \"编〔2018〕{}号\", date = 2018-03-01 }}\n",
            b.category, b.quota, rng.range(1, 99)
        );
    }
    let _ = write!(s, "\n[[body]]\nid = \"pcs\"\nname = \"派出所\"\nkind = \"dispatched\"\n\n[body.dispatched]\nby = \"公安局\"\nlocalized = true\n");
    let _ = write!(s, "\n[[body]]\nid = \"aqw\"\nname = \"安全生产委员会\"\nkind = \"coordination\"\napproval = {{ by = \"{county}区委机构编制委员会\", doc = \"编〔2018〕7号\" }}\n");

    // The leadership team.
    let mut n = 0;
    let next_id = |n: &mut u32| {
        *n += 1;
        format!("{}{:04}", id.to_uppercase(), n)
    };
    let team: Vec<(&str, &str, &str)> = {
        let mut t = vec![
            ("党委书记", "正科", ""),
            ("镇长", "正科", "concurrent = [\"党委副书记\"]\n"),
            ("人大主席", "正科", ""),
            ("人大副主席", "副科", ""),
        ];
        for _ in 0..(leaders - 4) {
            t.push(("副镇长", "副科", ""));
        }
        t
    };
    for (title, grade, extra) in team {
        let pid = next_id(&mut n);
        person(
            &mut s,
            rng,
            &pid,
            id,
            "administrative",
            &format!("title = \"{title}\"\ngrade = \"{grade}\"\n{extra}"),
        );
    }
    for b in &bodies {
        for k in 0..b.staff {
            let pid = next_id(&mut n);
            let extra = match (k, b.category) {
                (0, _) => {
                    "title = \"局长\"\ngrade = \"副科\"\nrank = \"四级主任科员\"\n".to_string()
                }
                (1, _) => "title = \"副局长\"\ngrade = \"股级\"\nrank = \"一级科员\"\n".to_string(),
                (_, "administrative") => {
                    let cert = if b.front == Some("enforcement") {
                        "enforcement_certified = true\n"
                    } else {
                        ""
                    };
                    let title = if violation == 3 && k == 2 {
                        "主任助理"
                    } else {
                        "科员"
                    };
                    format!(
                        "title = \"{title}\"\nrank = \"{}\"\n{cert}",
                        if rng.chance(50) {
                            "一级科员"
                        } else {
                            "二级科员"
                        }
                    )
                }
                _ => String::new(),
            };
            person(&mut s, rng, &pid, &b.id, b.category, &extra);
        }
    }
    // Powers: licensing and services at the front service office, penalties and inspections at
    // the enforcement office, the rest at back offices.
    let n_powers = rng.range(20, 40);
    for k in 0..n_powers {
        let (cat, body, name) = match k % 4 {
            0 => ("licensing", "spj", "建设工程规划许可"),
            1 => ("penalty", "zfj", "对违法建设的行政处罚"),
            2 => ("inspection", "zfj", "安全生产监督检查"),
            _ => ("other", "dzb", "档案管理"),
        };
        let _ = write!(
            s,
            "\n[[power]]\ncode = \"P-{k:03}\"\nname = \"{name}{k}\"\ncategory = \"{cat}\"\nhandled_by = \"{body}\"\nfrom = \"区住房和城乡建设局\"\nlegal_basis = \"《中华人民共和国城乡规划法》第四十条\"\nresponsibilities = [\"受理责任\", \"审查责任\", \"决定责任\"]\npublished = true\nsupport = [\"业务培训\"]\nfunding = \"区财政转移支付\"\n"
        );
    }
    s
}

/// Writes `towns` towns under counties of 10 into `dir`, with `violation_percent` of them broken.
/// No town names the decision that devolved its powers, so BZ308 warns about each (about 36
/// findings a town).
pub fn generate(
    dir: &Path,
    towns: usize,
    seed: u64,
    violation_percent: u64,
) -> std::io::Result<Stats> {
    generate_documented(dir, towns, seed, violation_percent, 0)
}

/// [`generate`], with `documented_percent` of the towns naming the decision that devolved their
/// powers (`[unit.devolved_by]`): fewer findings. At 0 the workload is [`generate`]'s, byte for
/// byte.
pub fn generate_documented(
    dir: &Path,
    towns: usize,
    seed: u64,
    violation_percent: u64,
    documented_percent: u64,
) -> std::io::Result<Stats> {
    let mut rng = Rng::new(seed);
    let mut stats = Stats {
        towns,
        ..Stats::default()
    };
    let write = |path: &Path, text: &str, stats: &mut Stats| -> std::io::Result<()> {
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p)?;
        }
        std::fs::write(path, text)?;
        stats.files += 1;
        stats.bytes += text.len() as u64;
        Ok(())
    };
    let counties = towns.div_ceil(10);
    for c in 0..counties {
        let county = format!("c{c:04}");
        let cdir = dir.join(&county);
        let members = (towns - c * 10).min(10);
        let limit = 200 * members as u64 + 100;
        let county_text = format!(
            "[unit]\nid = \"{county}\"\nname = \"{county}区\"\nkind = \"county\"\nas_of = 2018-06-30\n\n[quota]\nadministrative = {limit}\npolitical_legal = 50\ninstitution = {limit}\nworker = {}\n",
            10 * members + 10
        );
        write(
            &cdir.join(format!("{county}.toml")),
            &county_text,
            &mut stats,
        )?;
        for t in 0..members {
            let id = format!("{county}t{t}");
            let violation = if rng.chance(violation_percent) {
                rng.range(1, 3)
            } else {
                0
            };
            let documented = documented_percent > 0 && rng.chance(documented_percent);
            let text = town(
                &mut rng,
                &id,
                &county,
                "2018-06-30",
                "current",
                violation,
                documented,
            );
            write(&cdir.join(&id).join("2018.toml"), &text, &mut stats)?;
            if rng.chance(10) {
                // An earlier snapshot and a plan: the same town before and after (seeded alike so
                // bodies and people continue).
                let seed = rng.next_u64();
                let earlier = town(
                    &mut Rng::new(seed),
                    &id,
                    &county,
                    "2017-06-30",
                    "current",
                    0,
                    documented,
                );
                write(&cdir.join(&id).join("2017.toml"), &earlier, &mut stats)?;
                let plan = town(
                    &mut Rng::new(seed),
                    &id,
                    &county,
                    "2019-06-30",
                    "proposal",
                    0,
                    documented,
                );
                write(&cdir.join(&id).join("2019-plan.toml"), &plan, &mut stats)?;
            }
        }
    }
    Ok(stats)
}
