//! The planner's own files: the roster workbook in (template, round trip, a workbook typed by
//! hand with names and Vietnamese headers, located errors), legacy-encoded CSV, `;`-separated
//! plan CSVs whose names are checked against their codes, the submission workbook out, and the
//! named model export.
//!
//! The workbooks are written by `rust_xlsxwriter` and read by `calamine`: two libraries by
//! different authors, so a workbook the reader accepts is not merely one the same code wrote.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader};
use rotaplan::model::load::{load_inputs, load_scenario, sha256_hex};
use rotaplan::model::xlsx::{example_scenario, read_workbook, write_workbook};
use rotaplan::model::RawScenario;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rotaplan"))
}

const TINY: &str = "tests/fixtures/tiny/scenario.json";
const POLICY: &str = "models/haiphong-09-kl-tu.toml";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn messages(diags: &[rotaplan::model::Diagnostic]) -> String {
    diags.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")
}

/// The XML of one part of an .xlsx (a zip).
fn part(path: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn template_reads_back_as_its_example_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("roster.xlsx");
    let run = bin().args(["template", "--out"]).arg(&out).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let raw = read_workbook(&out).unwrap_or_else(|d| panic!("{}", messages(&d)));
    assert_eq!(raw, example_scenario());
    let inputs = load_inputs(&out, Some(Path::new(POLICY))).unwrap_or_else(|d| panic!("{}", messages(&d)));
    assert!(inputs.warnings.iter().all(|w| !w.is_error()));
    // the sheets a planner sees, with the guide first and the lists last
    let mut book = calamine::open_workbook_auto(&out).unwrap();
    let names = book.sheet_names();
    assert_eq!(names.first().map(String::as_str), Some("Hướng dẫn"));
    assert_eq!(names.last().map(String::as_str), Some("Danh mục"));
    for s in ["Thông tin chung", "Địa bàn", "Cơ quan, đơn vị", "Chức danh", "Cán bộ", "Xếp loại", "Quy hoạch"]
    {
        assert!(names.iter().any(|n| n == s), "sheet {s} in {names:?}");
    }
    let cadres = book.worksheet_range("Cán bộ").unwrap();
    let header: Vec<String> = cadres.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(&header[..3], ["Mã cán bộ", "Họ và tên", "Ngày sinh"]);
    let ratings = book.worksheet_range("Xếp loại").unwrap();
    let header: Vec<String> = ratings.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header, ["Mã cán bộ", "Họ và tên", "2018", "2019", "2020"], "years as columns");
    // the guide explains every column of the cadres sheet in Vietnamese
    let guide = book.worksheet_range("Hướng dẫn").unwrap();
    let text: String = guide.rows().flat_map(|r| r.iter().map(|c| c.to_string() + "\n")).collect();
    for h in ["Ngày sinh", "Đào tạo chính quy", "Xếp loại tốt nghiệp", "Chọn trong danh sách"] {
        assert!(text.contains(h), "guide mentions {h}");
    }
    // drop-down lists on coded columns (roles, ratings, degree classes, genders, levels)
    let sheet = part(&out, "xl/worksheets/sheet6.xml"); // Cán bộ (after the guide and 4 sheets)
    assert!(sheet.contains("<dataValidation type=\"list\""), "lists on the cadres sheet");
    assert!(sheet.contains("Danh m"), "the lists come from the sheet Danh mục");
    assert!(sheet.contains("state=\"frozen\""), "frozen header row");
    // solve and check take the workbook as the scenario
    let plan = dir.path().join("plan.json");
    let run = bin().arg("solve").arg(&out).args(["--model", POLICY, "--out"]).arg(&plan).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let run = bin().arg("check").arg(&out).arg(&plan).args(["--model", POLICY]).output().unwrap();
    assert!(matches!(run.status.code(), Some(0) | Some(1)), "{}", String::from_utf8_lossy(&run.stderr));
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&plan).unwrap()).unwrap();
    assert_eq!(doc["scenario"]["sha256"].as_str().unwrap(), sha256_hex(&std::fs::read(&out).unwrap()));
    // deterministic: the same template twice is the same bytes
    let again = dir.path().join("again.xlsx");
    bin().args(["template", "--out"]).arg(&again).output().unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());
}

/// The shipped Hai Phong scenario, written as a workbook and read back, is the same scenario:
/// serialised as the shipped file is, it has the same bytes and so the same digest.
#[test]
fn haiphong_round_trip_keeps_the_scenario_digest() {
    let shipped = Path::new("scenarios/haiphong-2021/scenario.json");
    let loaded = load_scenario(shipped).unwrap();
    let raw = loaded.value;
    // the shipped file is exactly the canonical serialisation of its contents
    let canonical = rotaplan::generate::to_json(&raw).unwrap();
    assert_eq!(sha256_hex(canonical.as_bytes()), loaded.digest);
    let dir = tempfile::tempdir().unwrap();
    let xlsx = write(dir.path(), "haiphong.xlsx", &write_workbook(&raw).unwrap());
    let back: RawScenario = read_workbook(&xlsx).unwrap_or_else(|d| panic!("{}", messages(&d)));
    assert_eq!(back.cadres.len(), raw.cadres.len());
    let json = rotaplan::generate::to_json(&back).unwrap();
    assert_eq!(sha256_hex(json.as_bytes()), loaded.digest, "same scenario digest after the round trip");
    // and the workbook validates as a scenario (cross-checked against the policy)
    load_inputs(&xlsx, Some(Path::new(POLICY))).unwrap_or_else(|d| panic!("{}", messages(&d)));
}

/// A workbook as a planner types it: Vietnamese headers in another order, an STT column,
/// names instead of codes (new tone placement where the roster has the old, no diacritics),
/// dates typed as text or entered as dates, the years of the ratings as numbers, no format row.
#[test]
fn a_workbook_typed_by_hand_reads_as_the_example() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let rows = |ws: &mut rust_xlsxwriter::Worksheet, rows: &[&[&str]]| {
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r as u32, c as u16, *v).unwrap();
                }
            }
        }
    };
    let ws = book.add_worksheet().set_name("Thông tin chung").unwrap();
    rows(
        ws,
        &[
            &["Mục", "Giá trị"],
            &["Tên kịch bản", "Ví dụ: Hải Phòng 2021"],
            &["Năm đầu nhiệm kỳ", "2020"],
            &["Năm cuối nhiệm kỳ", "2025"],
        ],
    );
    ws.write_string(4, 0, "Ngày lập phương án").unwrap();
    ws.write_datetime_with_format(4, 1, ExcelDateTime::from_ymd(2021, 3, 2).unwrap(), &date).unwrap();
    let ws = book.add_worksheet().set_name("Địa bàn").unwrap();
    rows(
        ws,
        &[
            &["STT", "Tên địa bàn", "Mã địa bàn", "Loại địa bàn", "Trực thuộc", "Phân loại"],
            &["1", "Thành phố Hải Phòng", "31", "thành phố trực thuộc trung ương", "", ""],
            &["2", "Huyện Thuỷ Nguyên", "311", "huyện", "Hải Phòng", "1"],
            &["3", "Thị trấn Núi Đèo", "11311", "thị trấn", "Thủy Nguyên", "1"],
        ],
    );
    let ws = book.add_worksheet().set_name("Cơ quan, đơn vị").unwrap();
    rows(
        ws,
        &[
            &["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Địa bàn", "Cấp"],
            &["UB-311", "UBND huyện Thuỷ Nguyên", "peoples_committee", "thuy nguyen", "cấp huyện"],
        ],
    );
    let ws = book.add_worksheet().set_name("Tập thể lãnh đạo").unwrap();
    rows(
        ws,
        &[
            &["Mã tập thể", "Tên tập thể", "Loại tập thể", "Địa bàn", "Then chốt"],
            &["T-UB-311", "Lãnh đạo UBND huyện Thuỷ Nguyên", "pc_leadership", "Huyện Thủy Nguyên", "có"],
        ],
    );
    let ws = book.add_worksheet().set_name("Chức danh").unwrap();
    rows(
        ws,
        &[
            &["Mã chức danh", "Tên chức danh", "Đơn vị", "Chức vụ", "Cấp", "Tập thể", "Then chốt", "Người đang giữ"],
            &[
                "P-311-PCT1",
                "Phó Chủ tịch UBND huyện Thuỷ Nguyên",
                "UBND huyện Thủy Nguyên",
                "pc_vice_chair",
                "cấp huyện",
                "Lãnh đạo UBND huyện Thủy Nguyên",
                "không",
                "C000123",
            ],
        ],
    );
    let ws = book.add_worksheet().set_name("Cán bộ").unwrap();
    rows(
        ws,
        &[
            &[
                "STT",
                "Mã cán bộ",
                "Họ và tên",
                "Ngày sinh",
                "Giới tính",
                "Quê quán",
                "Chức danh hiện tại",
                "Công chức",
                "Diện quản lý",
                "Trình độ",
                "Chuyên ngành",
                "Xếp loại tốt nghiệp",
                "Đào tạo chính quy",
                "Ghi chú",
            ],
            &[
                "1",
                "C000123",
                "Nguyễn Thị Lan",
                "14/05/1988",
                "Nữ",
                "Núi Đèo",
                "Phó Chủ tịch UBND huyện Thủy Nguyên",
                "x",
                "city_committee",
                "master",
                "economics",
                "Giỏi",
                "có",
                "ghi chú tuỳ ý",
            ],
        ],
    );
    let ws = book.add_worksheet().set_name("Xếp loại").unwrap();
    ws.write_string(0, 0, "Mã cán bộ").unwrap();
    ws.write_string(0, 1, "Họ và tên").unwrap();
    for (k, y) in [2018.0, 2019.0, 2020.0].iter().enumerate() {
        ws.write_number(0, k as u16 + 2, *y).unwrap();
    }
    let good = rotaplan::model::Vocabulary::label_vi(rotaplan::model::Rating::Good);
    let excellent = rotaplan::model::Vocabulary::label_vi(rotaplan::model::Rating::Excellent);
    rows(ws, &[&[], &["C000123", "Nguyễn Thị Lan", good, excellent, "good"]]);
    let ws = book.add_worksheet().set_name("Quy hoạch").unwrap();
    rows(
        ws,
        &[
            &["Mã cán bộ", "Họ và tên", "Chức vụ quy hoạch", "Cấp"],
            &["C000123", "Nguyễn Thị Lân", "deputy_party_secretary", "district"],
        ],
    );
    let ws = book.add_worksheet().set_name("Quá trình công tác").unwrap();
    rows(
        ws,
        &[
            &["Mã cán bộ", "Chức vụ", "Cấp", "Địa bàn", "Chức danh", "Từ ngày", "Đến ngày"],
            &["C000123", "pc_vice_chair", "district", "Thuỷ Nguyên", "P-311-PCT1", "", ""],
        ],
    );
    ws.write_datetime_with_format(1, 5, ExcelDateTime::from_ymd(2019, 1, 1).unwrap(), &date).unwrap();
    let path = write(dir.path(), "typed.xlsx", &book.save_to_buffer().unwrap());
    let loaded = load_scenario(&path).unwrap_or_else(|d| panic!("{}", messages(&d)));
    assert_eq!(loaded.value, example_scenario());
    // the planning sheet says "Nguyễn Thị Lân" beside C000123 (Nguyễn Thị Lan): a warning
    let text = messages(&loaded.warnings);
    let sheet = format!("{}, sheet 'Quy hoạch'", path.display());
    assert!(text.contains(&format!("warning[name-mismatch]: {sheet}, row 2, column B 'Họ và tên'")), "{text}");
    assert_eq!(loaded.warnings.iter().filter(|w| w.code == "name-mismatch").count(), 1, "{text}");
    // and validate/solve accept it
    let out = bin().args(["validate"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Problems in a workbook are located by sheet, row and column (letter and header), all at once,
/// and a name that fits several localities lists them.
#[test]
fn workbook_errors_name_sheet_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let mut raw = example_scenario();
    // a second "Núi Đèo" in another district makes the name ambiguous
    raw.localities.push(rotaplan::model::raw::RawLocality {
        id: "312".into(),
        name: "Huyện An Lão".into(),
        kind: rotaplan::model::LocalityKind::RuralDistrict,
        parent: Some("31".into()),
        class: Some(1),
    });
    raw.localities.push(rotaplan::model::raw::RawLocality {
        id: "11312".into(),
        name: "Xã Núi Đèo".into(),
        kind: rotaplan::model::LocalityKind::Commune,
        parent: Some("312".into()),
        class: Some(2),
    });
    raw.units[0].locality = "Núi Đèo".into();
    raw.teams[0].locality = "Nowhere".into();
    let good = write(dir.path(), "ok.xlsx", &write_workbook(&raw).unwrap());
    // break two cells of the cadres sheet by rewriting the workbook through calamine's eyes
    let mut book = calamine::open_workbook_auto(&good).unwrap();
    let mut out = Workbook::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let ws = out.add_worksheet().set_name(&name).unwrap();
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let mut v = match cell {
                    Data::DateTime(d) => {
                        let (y, m, dd, ..) = d.to_ymd_hms_milli();
                        format!("{dd:02}/{m:02}/{y}")
                    }
                    Data::Empty => continue,
                    other => other.to_string(),
                };
                if name == "Cán bộ" && r == 1 && c == 2 {
                    v = "30/02/1988".into();
                }
                if name == "Cán bộ" && r == 0 && c == 14 {
                    v = "Nổi trội lắm".into();
                }
                ws.write_string(r as u32, c as u16, v).unwrap();
            }
        }
    }
    let bad = write(dir.path(), "bad.xlsx", &out.save_to_buffer().unwrap());
    let diags = load_scenario(&bad).unwrap_err();
    let text = messages(&diags);
    let sheet = format!("{}, sheet 'Cán bộ'", bad.display());
    assert!(text.contains(&format!("{sheet}, row 2, column C 'Ngày sinh'")), "{text}");
    assert!(text.contains(&format!("{sheet}, row 1, column O 'Nổi trội lắm'")), "{text}");
    assert!(text.contains("ambiguous-name"), "{text}");
    assert!(text.contains("11311") && text.contains("11312"), "the candidates are listed: {text}");
    let units = format!("{}, sheet 'Cơ quan, đơn vị'", bad.display());
    assert!(text.contains(&format!("{units}, row 2, column D 'Địa bàn'")), "{text}");
    // a problem found by validation, after reading, is located the same way
    let teams = format!("{}, sheet 'Tập thể lãnh đạo'", bad.display());
    assert!(text.contains(&format!("error[unknown-reference]: {teams}, row 2, column D 'Địa bàn'")), "{text}");
}

#[test]
fn legacy_encoded_csv_reads_as_the_utf8_one() {
    let utf8 = load_scenario(Path::new("tests/broken/csv-clean-bom/scenario")).unwrap();
    let legacy = load_scenario(Path::new("tests/broken/csv-legacy-encoding/scenario")).unwrap();
    assert_eq!(legacy.value, utf8.value);
    let text = messages(&legacy.warnings);
    assert!(text.contains("legacy-encoding") && text.contains("Windows-1258"), "{text}");
}

#[test]
fn semicolon_plan_csv_and_names_that_do_not_match_their_codes() {
    let inputs = load_inputs(Path::new(TINY), None).unwrap();
    let s = &inputs.scenario;
    let text = "\u{feff}Mã cán bộ;Mã chức danh;Họ và tên;Tên chức danh\n\
                C01;P-SNV-GD;Nguyễn Văn Hùng;Giám đốc Sở Nội vụ\n\
                C02;P-SNV-PGD;Nguyễn Văn Hùng;Phó Giám đốc Sở Nội vụ\n\
                C03;P-305-BT;PHẠM MINH TUẤN;Giám đốc Sở Nội vụ\n";
    let csv = rotaplan::report::csv::read_plan_csv(s, text).unwrap();
    assert_eq!(csv.pairs.len(), 3);
    let got: Vec<(usize, &str, &str)> = csv.mismatches.iter().map(|m| (m.row, m.column, m.code.as_str())).collect();
    assert_eq!(got, vec![(3, "name", "C02"), (4, "title", "P-305-BT")]);
    // through the command line: a warning in Vietnamese by default, in English on request
    let dir = tempfile::tempdir().unwrap();
    let plan = write(dir.path(), "plan.csv", text.as_bytes());
    let out = bin().args(["check", TINY]).arg(&plan).args(["--model", POLICY]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.code() == Some(0) || out.status.code() == Some(1), "{err}");
    assert!(err.contains("cảnh báo") && err.contains("dòng 3") && err.contains("đồng chí Trần Thị Lan"), "{err}");
    let out = bin().args(["check", TINY]).arg(&plan).args(["--model", POLICY, "--lang", "en"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("row 3") && err.contains("Trần Thị Lan"), "{err}");
}

#[test]
fn submission_workbook_of_two_plans() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    let out = bin().args(["solve", TINY, "--model", POLICY, "--out"]).arg(&plan).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    // a hand-drafted second plan: plan 1 with two holders swapped
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&plan).unwrap()).unwrap();
    let mut csv = String::from("cadre;post\n");
    for p in doc["posts"].as_array().unwrap() {
        if let Some(c) = p["after"].as_str() {
            csv.push_str(&format!("{c};{}\n", p["post"].as_str().unwrap()));
        }
    }
    let hand = write(dir.path(), "hand.csv", csv.as_bytes());
    let xlsx = dir.path().join("submission.xlsx");
    let out = bin()
        .args(["export"])
        .arg(&plan)
        .arg(&hand)
        .args(["--scenario", TINY, "--model", POLICY, "--xlsx"])
        .arg(&xlsx)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let mut book = calamine::open_workbook_auto(&xlsx).unwrap();
    assert_eq!(book.sheet_names(), ["Nhân sự PA1", "Nhân sự PA2", "Chỉ tiêu", "So sánh phương án"]);
    let people = book.worksheet_range("Nhân sự PA1").unwrap();
    let rows: Vec<Vec<String>> = people.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    let header = &rows[2];
    assert_eq!(
        header,
        &[
            "STT",
            "Họ và tên",
            "Năm sinh",
            "Giới tính",
            "Chức vụ hiện tại",
            "Đơn vị",
            "Đề xuất",
            "Hình thức",
            "Lý do",
            "Ghi chú"
        ]
    );
    // one line per person who changes post, numbered 1..n, under district and kind headings
    let moves = doc["moves"].as_array().unwrap().iter().filter(|m| m["kind"] != "stays").count();
    assert!(moves > 0);
    let lines: Vec<&Vec<String>> = rows[3..].iter().filter(|r| r[0].parse::<usize>().is_ok()).collect();
    assert_eq!(lines.len(), moves);
    for (k, l) in lines.iter().enumerate() {
        assert_eq!(l[0], (k + 1).to_string());
        assert!(["luân chuyển", "tăng cường", "bổ nhiệm", "thôi giữ chức"].contains(&l[7].as_str()), "{l:?}");
        assert_eq!(l[2].len(), 4, "year of birth: {l:?}");
    }
    let headings: Vec<&String> = rows[3..].iter().filter(|r| r[0].parse::<usize>().is_err()).map(|r| &r[0]).collect();
    assert!(headings.iter().any(|h| h.contains("người)")), "kind headings: {headings:?}");
    // a reason cites the rule's clause
    assert!(lines.iter().any(|l| l[8].contains("KL/TU")), "{lines:?}");
    // and every reason starts with the move's purpose in words, never a code
    let purposes: Vec<String> = rotaplan::plan::Purpose::ALL
        .iter()
        .map(|p| rotaplan::explain::summary::purpose_text(*p, rotaplan::explain::Lang::Vi).to_lowercase())
        .collect();
    for l in &lines {
        let reason = l[8].to_lowercase();
        assert!(purposes.iter().any(|p| reason.starts_with(p.as_str())), "purpose in words: {l:?}");
        assert!(rotaplan::plan::Purpose::ALL.iter().all(|p| !reason.contains(p.code())), "no code: {l:?}");
    }
    let targets = book.worksheet_range("Chỉ tiêu").unwrap();
    assert_eq!(targets.rows().nth(2).unwrap()[1].to_string(), "Chỉ tiêu");
    let compare = book.worksheet_range("So sánh phương án").unwrap();
    let c: Vec<Vec<String>> = compare.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(&c[2][..3], ["Nội dung", "Phương án 1", "Phương án 2"]);
    // the two plans are the same placements: the same counts side by side
    let changed = c.iter().find(|r| r[0] == "Số người thay đổi").unwrap();
    assert_eq!(changed[1], changed[2]);
    assert_eq!(changed[1], moves.to_string());
    // print set-up: A4 landscape, fit to the page width, header rows repeated, frozen header
    let sheet = part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("paperSize=\"9\"") && sheet.contains("orientation=\"landscape\""), "{sheet}");
    assert!(sheet.contains("fitToWidth=\"1\"") || sheet.contains("fitToPage=\"1\""), "fit to width");
    assert!(sheet.contains("state=\"frozen\""));
    let workbook = part(&xlsx, "xl/workbook.xml");
    assert!(workbook.contains("_xlnm.Print_Titles"), "header rows repeat on every page");
}

#[test]
fn exported_model_names_cadres_posts_and_rules() {
    let dir = tempfile::tempdir().unwrap();
    let lp = dir.path().join("model.lp");
    let out = bin()
        .args(["solve", TINY, "--model", POLICY, "--export-model"])
        .arg(&lp)
        .arg("--out")
        .arg(dir.path().join("p.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&lp).unwrap();
    assert!(text.contains("x(C01,P_SNV_GD)"), "assignment columns named after cadre and post");
    assert!(text.contains("capacity(P_SNV_PGD)"), "rows named after rule and subject");
    assert!(text.contains("young_district_leader("), "policy rules by id");
    assert!(!text.contains(" c1 ") && !text.contains("r0:"), "no anonymous names left");
    // HiGHS reads its own file back: the names are valid LP identifiers
    unsafe {
        let h = highs_sys::Highs_create();
        highs_sys::Highs_setBoolOptionValue(h, c"output_flag".as_ptr(), 0);
        let path = std::ffi::CString::new(lp.to_string_lossy().as_bytes()).unwrap();
        let status = highs_sys::Highs_readModel(h, path.as_ptr());
        assert_ne!(status, highs_sys::STATUS_ERROR, "HiGHS reads the exported model");
        let cols = highs_sys::Highs_getNumCol(h);
        assert!(cols > 10);
        let mut name = vec![0 as std::os::raw::c_char; 512];
        highs_sys::Highs_getColName(h, 0, name.as_mut_ptr());
        let first = std::ffi::CStr::from_ptr(name.as_ptr()).to_string_lossy().into_owned();
        assert!(text.contains(&first), "column 0 is {first}");
        highs_sys::Highs_destroy(h);
    }
}

#[test]
fn generate_writes_the_same_roster_as_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("hp.xlsx");
    let out = bin().args(["generate", "--seed", "7", "--out"]).arg(&xlsx).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let out = bin().args(["generate", "--seed", "7", "--out"]).arg(dir.path().join("json")).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json = load_scenario(&dir.path().join("json/scenario.json")).unwrap().value;
    let book = read_workbook(&xlsx).unwrap_or_else(|d| panic!("{}", messages(&d)));
    assert_eq!(book, json);
}
