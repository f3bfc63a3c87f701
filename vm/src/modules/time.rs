//! The native part of the `time` module (`_time`; `time.py` in the frozen library adds
//! `struct_time` and `strptime`). Clocks come from `std::time` and `/proc`; the local time zone
//! is read from the TZif database (`$TZ`, `/etc/localtime`) as the C library does, so no libc
//! calls are needed. Broken-down times are exchanged with `time.py` as 11-tuples
//! (`tm_year` ... `tm_isdst`, `tm_zone`, `tm_gmtoff`).

use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::datautil::{arg, set};
use crate::types::construct::to_float;
use crate::value::Value;
use crate::vm::{native, Kw, PyResult, Vm};

/// One local-time type of a zone: UTC offset in seconds, DST flag, abbreviation.
#[derive(Clone, Debug)]
struct TzType {
    off: i64,
    dst: bool,
    abbr: String,
}

/// A time zone: transition times (UTC seconds) with the type in force from each one.
struct Zone {
    trans: Vec<(i64, usize)>,
    types: Vec<TzType>,
    /// Type used before the first transition.
    first: usize,
}

impl Zone {
    fn utc() -> Zone {
        Zone { trans: Vec::new(), types: vec![TzType { off: 0, dst: false, abbr: "UTC".into() }], first: 0 }
    }

    fn at(&self, t: i64) -> &TzType {
        let i = self.trans.partition_point(|&(tt, _)| tt <= t);
        if i == 0 {
            &self.types[self.first]
        } else {
            &self.types[self.trans[i - 1].1]
        }
    }

    /// Parses a TZif file (version 1 data, or the 64-bit data of versions 2+).
    fn parse(b: &[u8]) -> Option<Zone> {
        fn be32(b: &[u8], i: usize) -> Option<i64> {
            Some(i32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?) as i64)
        }
        fn be64(b: &[u8], i: usize) -> Option<i64> {
            Some(i64::from_be_bytes(b.get(i..i + 8)?.try_into().ok()?))
        }
        if b.get(0..4)? != b"TZif" {
            return None;
        }
        let counts = |b: &[u8], h: usize| -> Option<[usize; 6]> {
            let mut c = [0usize; 6];
            for (k, x) in c.iter_mut().enumerate() {
                *x = be32(b, h + 20 + 4 * k)? as usize;
            }
            Some(c)
        };
        // counts: isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
        let c1 = counts(b, 0)?;
        let (mut h, mut tsize) = (0usize, 4usize);
        if b[4] >= b'2' {
            let v1len = c1[3] * 5 + c1[4] * 6 + c1[5] + c1[2] * 8 + c1[1] + c1[0];
            h = 44 + v1len;
            tsize = 8;
            if b.get(h..h + 4)? != b"TZif" {
                return None;
            }
        }
        let c = counts(b, h)?;
        let (timecnt, typecnt, charcnt) = (c[3], c[4], c[5]);
        let mut p = h + 44;
        let mut times = Vec::with_capacity(timecnt);
        for k in 0..timecnt {
            times.push(if tsize == 8 { be64(b, p + 8 * k)? } else { be32(b, p + 4 * k)? });
        }
        p += timecnt * tsize;
        let idx: Vec<usize> = b.get(p..p + timecnt)?.iter().map(|&x| x as usize).collect();
        p += timecnt;
        let mut raw = Vec::new();
        for k in 0..typecnt {
            let q = p + 6 * k;
            raw.push((be32(b, q)?, *b.get(q + 4)? != 0, *b.get(q + 5)? as usize));
        }
        p += typecnt * 6;
        let chars = b.get(p..p + charcnt)?;
        let types: Vec<TzType> = raw
            .iter()
            .map(|&(off, dst, ai)| {
                let end =
                    chars[ai.min(chars.len())..].iter().position(|&x| x == 0).map(|e| ai + e).unwrap_or(chars.len());
                TzType { off, dst, abbr: String::from_utf8_lossy(&chars[ai.min(end)..end]).into_owned() }
            })
            .collect();
        if types.is_empty() {
            return None;
        }
        let first = types.iter().position(|t| !t.dst).unwrap_or(0);
        let trans = times.into_iter().zip(idx).filter(|&(_, i)| i < types.len()).collect();
        Some(Zone { trans, types, first })
    }

    /// Parses a simple POSIX TZ string without rules (`UTC0`, `EST5`, `JST-9`).
    fn posix(tz: &str) -> Option<Zone> {
        let name: String = tz.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        if name.len() < 3 {
            return None;
        }
        let rest = &tz[name.len()..];
        let off: i64 = if rest.is_empty() {
            0
        } else {
            let (sign, num) = match rest.as_bytes()[0] {
                b'-' => (1, &rest[1..]),
                b'+' => (-1, &rest[1..]),
                _ => (-1, rest),
            };
            let mut parts = num.split(':');
            let h: i64 = parts.next()?.parse().ok()?;
            let m: i64 = parts.next().map(|x| x.parse().unwrap_or(0)).unwrap_or(0);
            sign * (h * 3600 + m * 60)
        };
        Some(Zone { trans: Vec::new(), types: vec![TzType { off, dst: false, abbr: name }], first: 0 })
    }
}

fn zone() -> &'static Zone {
    static Z: OnceLock<Zone> = OnceLock::new();
    Z.get_or_init(|| {
        let tz = std::env::var("TZ").ok();
        let file = match tz.as_deref() {
            None => Some("/etc/localtime".to_string()),
            Some("") => None,
            Some(t) => {
                let t = t.strip_prefix(':').unwrap_or(t);
                if t.starts_with('/') {
                    Some(t.to_string())
                } else {
                    Some(format!("/usr/share/zoneinfo/{t}"))
                }
            }
        };
        if let Some(z) = file.and_then(|f| std::fs::read(f).ok()).and_then(|b| Zone::parse(&b)) {
            return z;
        }
        tz.as_deref().and_then(Zone::posix).unwrap_or_else(Zone::utc)
    })
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The date of a day number (days since 1970-01-01).
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// A broken-down time (`struct tm` plus zone and offset).
#[derive(Clone, Debug)]
struct Tm {
    year: i64,
    mon: i64,
    mday: i64,
    hour: i64,
    min: i64,
    sec: i64,
    wday: i64,
    yday: i64,
    isdst: i64,
    zone: Option<String>,
    gmtoff: Option<i64>,
}

fn breakdown(t: i64, off: i64, dst: bool, zone: &str) -> Tm {
    let lt = t + off;
    let days = lt.div_euclid(86400);
    let secs = lt.rem_euclid(86400);
    let (y, m, d) = civil_from_days(days);
    Tm {
        year: y,
        mon: m,
        mday: d,
        hour: secs / 3600,
        min: secs / 60 % 60,
        sec: secs % 60,
        wday: (days + 3).rem_euclid(7), // Monday is 0
        yday: days - days_from_civil(y, 1, 1) + 1,
        isdst: dst as i64,
        zone: Some(zone.to_string()),
        gmtoff: Some(off),
    }
}

fn tm_tuple(tm: &Tm) -> Value {
    let i = Value::Int;
    Value::tuple(vec![
        i(tm.year),
        i(tm.mon),
        i(tm.mday),
        i(tm.hour),
        i(tm.min),
        i(tm.sec),
        i(tm.wday),
        i(tm.yday),
        i(tm.isdst),
        tm.zone.as_ref().map(|z| Value::str(z.as_str())).unwrap_or(Value::None),
        tm.gmtoff.map(Value::Int).unwrap_or(Value::None),
    ])
}

fn now() -> f64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs_f64(),
        Err(e) => -e.duration().as_secs_f64(),
    }
}

fn now_ns() -> i128 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

fn start() -> Instant {
    static S: OnceLock<Instant> = OnceLock::new();
    *S.get_or_init(Instant::now)
}

/// Monotonic nanoseconds (since the first use; only differences matter).
fn mono_ns() -> i128 {
    start().elapsed().as_nanos() as i128 + 1_000_000_000
}

/// CPU time of this process in nanoseconds (from `/proc/self/schedstat`, falling back to
/// `/proc/self/stat` ticks, then to the monotonic clock).
fn cpu_ns(thread: bool) -> i128 {
    let path = if thread { "/proc/thread-self/schedstat" } else { "/proc/self/schedstat" };
    if let Ok(s) = std::fs::read_to_string(path) {
        if let Some(Ok(n)) = s.split_whitespace().next().map(|x| x.parse::<i128>()) {
            return n;
        }
    }
    if let Ok(s) = std::fs::read_to_string("/proc/self/stat") {
        if let Some(rest) = s.rsplit(')').next() {
            let f: Vec<&str> = rest.split_whitespace().collect();
            if f.len() > 13 {
                let u: i128 = f[11].parse().unwrap_or(0);
                let st: i128 = f[12].parse().unwrap_or(0);
                return (u + st) * 10_000_000;
            }
        }
    }
    mono_ns()
}

fn big(vm: &mut Vm, n: i128) -> Value {
    let _ = vm;
    match i64::try_from(n) {
        Ok(x) => Value::Int(x),
        Err(_) => Value::from_bigint(num_bigint::BigInt::from(n)),
    }
}

fn t_time(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Float(now()))
}
fn t_time_ns(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(big(vm, now_ns()))
}
fn t_mono(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Float(mono_ns() as f64 / 1e9))
}
fn t_mono_ns(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(big(vm, mono_ns()))
}
fn t_process(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Float(cpu_ns(false) as f64 / 1e9))
}
fn t_process_ns(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(big(vm, cpu_ns(false)))
}
fn t_thread(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Float(cpu_ns(true) as f64 / 1e9))
}
fn t_thread_ns(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(big(vm, cpu_ns(true)))
}

fn t_sleep(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let Some(v) = a.first() else {
        return Err(vm.type_error("sleep() takes exactly one argument (0 given)"));
    };
    if !matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::BigInt(_) | Value::Inst(_)) {
        let n = vm.type_name(v);
        return Err(vm.type_error(format!("'{n}' object cannot be interpreted as an integer")));
    }
    let f = to_float(vm, v)?;
    if f.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if f < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    if !f.is_finite() || f > 1e15 {
        return Err(vm.overflow_error("sleep length is too large"));
    }
    vm.flush_out();
    std::thread::sleep(Duration::from_secs_f64(f));
    Ok(Value::None)
}

/// Seconds argument of gmtime/localtime/ctime: None means now; floats are truncated toward 0.
fn secs_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<i64> {
    match v {
        None | Some(Value::None) => Ok(now().floor() as i64),
        Some(v) => {
            if let Value::Float(f) = v {
                if f.is_nan() {
                    return Err(vm.value_error("Invalid value NaN (not a number)"));
                }
                if !f.is_finite() || f.abs() > 1e17 {
                    return Err(vm.overflow_error("timestamp out of range for platform time_t"));
                }
                return Ok(f.trunc() as i64);
            }
            if crate::num::is_int(&v) || matches!(v, Value::Bool(_)) {
                use num_traits::ToPrimitive;
                let b = crate::num::to_big(&vm.payload(&v)).unwrap_or_default();
                return b.to_i64().ok_or_else(|| vm.overflow_error("timestamp out of range for platform time_t"));
            }
            let f = to_float(vm, &v)?;
            Ok(f.trunc() as i64)
        }
    }
}

fn check_year(vm: &mut Vm, t: i64) -> PyResult<()> {
    if t.abs() > 67_767_976_233_316_800 / 2 {
        return Err(vm.overflow_error("timestamp out of range for platform time_t"));
    }
    Ok(())
}

fn gmtime_of(t: i64) -> Tm {
    breakdown(t, 0, false, "GMT")
}

fn localtime_of(t: i64) -> Tm {
    let z = zone().at(t).clone();
    breakdown(t, z.off, z.dst, &z.abbr)
}

fn t_gmtime(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let t = secs_arg(vm, arg(&a, &k, 0, "seconds"))?;
    check_year(vm, t)?;
    Ok(tm_tuple(&gmtime_of(t)))
}

fn t_localtime(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let t = secs_arg(vm, arg(&a, &k, 0, "seconds"))?;
    check_year(vm, t)?;
    Ok(tm_tuple(&localtime_of(t)))
}

fn int_of(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    if matches!(v, Value::Float(_)) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    super::datautil::i64_index(vm, v)
}

/// Reads a time tuple (a `struct_time` or a 9-sequence) as CPython's `gettmarg` does.
fn get_tm(vm: &mut Vm, v: &Value, func: &str) -> PyResult<Tm> {
    let items = match v {
        Value::Tuple(t) => (**t).clone(),
        Value::Inst(_) if matches!(vm.payload(v), Value::Tuple(_)) => match vm.payload(v) {
            Value::Tuple(t) => (*t).clone(),
            _ => unreachable!(),
        },
        _ => {
            return Err(vm.type_error("Tuple or struct_time argument required"));
        }
    };
    if items.len() != 9 && items.len() != 11 {
        return Err(vm.type_error(format!("{func}(): illegal time tuple argument")));
    }
    let mut n = [0i64; 9];
    for (i, x) in items.iter().take(9).enumerate() {
        n[i] = int_of(vm, x)?;
    }
    let (zone, gmtoff) = if items.len() == 11 {
        let z = match &items[9] {
            Value::Str(s) => Some(s.as_str().to_string()),
            _ => None,
        };
        let g = match &items[10] {
            Value::None => None,
            x => Some(int_of(vm, x)?),
        };
        (z, g)
    } else {
        (None, None)
    };
    Ok(Tm {
        year: n[0],
        mon: n[1],
        mday: n[2],
        hour: n[3],
        min: n[4],
        sec: n[5],
        wday: n[6],
        yday: n[7],
        isdst: n[8],
        zone,
        gmtoff,
    })
}

/// CPython's `checktm` (after the 0 -> 1 adjustments strftime/asctime make).
fn check_tm(vm: &mut Vm, tm: &mut Tm) -> PyResult<()> {
    if tm.mon == 0 {
        tm.mon = 1;
    }
    if tm.mday == 0 {
        tm.mday = 1;
    }
    if tm.yday == 0 {
        tm.yday = 1;
    }
    if tm.wday < 0 {
        return Err(vm.value_error("day of week out of range"));
    }
    tm.wday %= 7;
    if !(1..=12).contains(&tm.mon) {
        return Err(vm.value_error("month out of range"));
    }
    if !(1..=31).contains(&tm.mday) {
        return Err(vm.value_error("day of month out of range"));
    }
    if !(0..=23).contains(&tm.hour) {
        return Err(vm.value_error("hour out of range"));
    }
    if !(0..=59).contains(&tm.min) {
        return Err(vm.value_error("minute out of range"));
    }
    if !(0..=61).contains(&tm.sec) {
        return Err(vm.value_error("seconds out of range"));
    }
    if !(1..=366).contains(&tm.yday) {
        return Err(vm.value_error("day of year out of range"));
    }
    if tm.isdst < -1 {
        tm.isdst = -1;
    } else if tm.isdst > 1 {
        tm.isdst = 1;
    }
    Ok(())
}

const DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// ISO 8601 week-based year and week number.
fn iso_week(tm: &Tm) -> (i64, i64) {
    let wday = tm.wday; // Monday 0
    let yday = tm.yday - 1;
    let mut year = tm.year;
    let mut week = (yday - wday + 10) / 7;
    if week < 1 {
        year -= 1;
        let py = if is_leap(year) { 366 } else { 365 };
        week = (yday + py - wday + 10) / 7;
    } else {
        let ylen = if is_leap(year) { 366 } else { 365 };
        if week == 53 && (yday - wday + 10 - 7 * 53) >= 0 && yday - wday + 3 >= ylen {
            year += 1;
            week = 1;
        } else if week > 52 && ylen - yday <= 3 - wday {
            year += 1;
            week = 1;
        }
    }
    (year, week)
}

fn tz_offset(tm: &Tm) -> i64 {
    match tm.gmtoff {
        Some(g) => g,
        None => {
            let z = zone();
            let t = timegm(tm);
            let _ = z;
            let o = zone().at(t).off;
            zone().at(t - o).off
        }
    }
}

/// `strftime` in the C locale (glibc's directives).
fn strftime(fmt: &str, tm: &Tm) -> String {
    let mut out = String::new();
    let mut it = fmt.chars().peekable();
    let sun_wday = (tm.wday + 1) % 7; // Sunday 0
    while let Some(c) = it.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        // glibc flags and width are rare in Python code; support '-' (no padding)
        let mut nopad = false;
        if it.peek() == Some(&'-') {
            nopad = true;
            it.next();
        }
        let Some(d) = it.next() else {
            out.push('%');
            break;
        };
        let num = |out: &mut String, v: i64, w: usize| {
            if nopad {
                out.push_str(&v.to_string());
            } else {
                out.push_str(&format!("{v:0w$}"));
            }
        };
        match d {
            'a' => out.push_str(&DAYS[tm.wday.rem_euclid(7) as usize][..3]),
            'A' => out.push_str(DAYS[tm.wday.rem_euclid(7) as usize]),
            'b' | 'h' => out.push_str(&MONTHS[(tm.mon - 1).clamp(0, 11) as usize][..3]),
            'B' => out.push_str(MONTHS[(tm.mon - 1).clamp(0, 11) as usize]),
            'c' => out.push_str(&strftime("%a %b %e %H:%M:%S %Y", tm)),
            'C' => num(&mut out, tm.year.div_euclid(100), 2),
            'd' => num(&mut out, tm.mday, 2),
            'D' => out.push_str(&strftime("%m/%d/%y", tm)),
            'e' => out.push_str(&if nopad { tm.mday.to_string() } else { format!("{:>2}", tm.mday) }),
            'F' => out.push_str(&strftime("%Y-%m-%d", tm)),
            'g' => num(&mut out, iso_week(tm).0.rem_euclid(100), 2),
            'G' => out.push_str(&iso_week(tm).0.to_string()),
            'H' => num(&mut out, tm.hour, 2),
            'I' => num(&mut out, if tm.hour % 12 == 0 { 12 } else { tm.hour % 12 }, 2),
            'j' => num(&mut out, tm.yday, 3),
            'k' => out.push_str(&format!("{:>2}", tm.hour)),
            'l' => out.push_str(&format!("{:>2}", if tm.hour % 12 == 0 { 12 } else { tm.hour % 12 })),
            'm' => num(&mut out, tm.mon, 2),
            'M' => num(&mut out, tm.min, 2),
            'n' => out.push('\n'),
            'p' => out.push_str(if tm.hour < 12 { "AM" } else { "PM" }),
            'P' => out.push_str(if tm.hour < 12 { "am" } else { "pm" }),
            'r' => out.push_str(&strftime("%I:%M:%S %p", tm)),
            'R' => out.push_str(&strftime("%H:%M", tm)),
            's' => out.push_str(&(timegm(tm) - tz_offset(tm)).to_string()),
            'S' => num(&mut out, tm.sec, 2),
            't' => out.push('\t'),
            'T' => out.push_str(&strftime("%H:%M:%S", tm)),
            'u' => out.push_str(&(tm.wday + 1).to_string()),
            'U' => num(&mut out, (tm.yday - 1 + 7 - sun_wday) / 7, 2),
            'V' => num(&mut out, iso_week(tm).1, 2),
            'w' => out.push_str(&sun_wday.to_string()),
            'W' => num(&mut out, (tm.yday - 1 + 7 - tm.wday) / 7, 2),
            'x' => out.push_str(&strftime("%m/%d/%y", tm)),
            'X' => out.push_str(&strftime("%H:%M:%S", tm)),
            'y' => num(&mut out, tm.year.rem_euclid(100), 2),
            'Y' => out.push_str(&tm.year.to_string()),
            'z' => {
                let o = tz_offset(tm);
                let a = o.abs();
                out.push_str(&format!("{}{:02}{:02}", if o < 0 { '-' } else { '+' }, a / 3600, a / 60 % 60));
            }
            'Z' => match &tm.zone {
                Some(z) => out.push_str(z),
                None => {
                    let t = timegm(tm);
                    let z = zone().at(t - zone().at(t).off);
                    out.push_str(&z.abbr);
                }
            },
            '%' => out.push('%'),
            other => {
                out.push('%');
                if nopad {
                    out.push('-');
                }
                out.push(other);
            }
        }
    }
    out
}

/// Seconds since the epoch of a broken-down UTC time (normalizing out-of-range fields).
fn timegm(tm: &Tm) -> i64 {
    let m0 = tm.mon - 1;
    let y = tm.year + m0.div_euclid(12);
    let m = m0.rem_euclid(12) + 1;
    let days = days_from_civil(y, m, 1) + tm.mday - 1;
    days * 86400 + tm.hour * 3600 + tm.min * 60 + tm.sec
}

fn t_strftime(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let fmt = match a.first() {
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(v) => {
            let n = vm.type_name(v);
            return Err(vm.type_error(format!("strftime() argument 1 must be str, not {n}")));
        }
        None => return Err(vm.type_error("strftime() missing required argument 'format' (pos 1)")),
    };
    let mut tm = match arg(&a, &k, 1, "t") {
        Some(v) => get_tm(vm, &v, "strftime")?,
        None => localtime_of(now().floor() as i64),
    };
    check_tm(vm, &mut tm)?;
    if fmt.contains('\0') {
        return Err(vm.value_error("embedded null character"));
    }
    Ok(Value::str(strftime(&fmt, &tm)))
}

fn asctime_of(tm: &Tm) -> String {
    format!(
        "{} {} {:>2} {:02}:{:02}:{:02} {}",
        &DAYS[tm.wday.rem_euclid(7) as usize][..3],
        &MONTHS[(tm.mon - 1).clamp(0, 11) as usize][..3],
        tm.mday,
        tm.hour,
        tm.min,
        tm.sec,
        tm.year
    )
}

fn t_asctime(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let mut tm = match arg(&a, &k, 0, "t") {
        Some(v) => get_tm(vm, &v, "asctime")?,
        None => localtime_of(now().floor() as i64),
    };
    check_tm(vm, &mut tm)?;
    Ok(Value::str(asctime_of(&tm)))
}

fn t_ctime(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let t = secs_arg(vm, arg(&a, &k, 0, "seconds"))?;
    check_year(vm, t)?;
    Ok(Value::str(asctime_of(&localtime_of(t))))
}

fn t_mktime(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let Some(v) = arg(&a, &k, 0, "t") else {
        return Err(vm.type_error("time.mktime() takes exactly one argument (0 given)"));
    };
    let tm = get_tm(vm, &v, "mktime")?;
    let g = timegm(&tm);
    let z = zone();
    // Offset in force at the local time (try the offset at the guess, then refine once).
    let o1 = z.at(g).off;
    let mut t = g - o1;
    let o2 = z.at(t).off;
    if o2 != o1 {
        t = g - o2;
    }
    if tm.isdst >= 0 {
        let here = z.at(t);
        if here.dst != (tm.isdst > 0) {
            if let Some(other) = z.types.iter().find(|ty| ty.dst == (tm.isdst > 0)) {
                t = g - other.off;
            }
        }
    }
    Ok(Value::Float(t as f64))
}

fn t_get_clock_info(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let name = match a.first() {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => return Err(vm.type_error("get_clock_info() argument must be str")),
    };
    let (imp, mono, adj, res) = match name.as_str() {
        "time" => ("clock_gettime(CLOCK_REALTIME)", false, true, 1e-9),
        "monotonic" | "perf_counter" => ("clock_gettime(CLOCK_MONOTONIC)", true, false, 1e-9),
        "process_time" => ("clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", true, false, 1e-9),
        "thread_time" => ("clock_gettime(CLOCK_THREAD_CPUTIME_ID)", true, false, 1e-9),
        _ => return Err(vm.value_error("unknown clock")),
    };
    Ok(Value::tuple(vec![Value::str(imp), Value::Bool(mono), Value::Bool(adj), Value::Float(res)]))
}

/// Builds the `_time` module (wrapped by the frozen `time.py`).
pub fn make(_vm: &mut Vm) -> Value {
    let (m, d) = super::new_module("_time");
    let fns: &[(&'static str, crate::object::NativeFn)] = &[
        ("time", t_time),
        ("time_ns", t_time_ns),
        ("monotonic", t_mono),
        ("monotonic_ns", t_mono_ns),
        ("perf_counter", t_mono),
        ("perf_counter_ns", t_mono_ns),
        ("process_time", t_process),
        ("process_time_ns", t_process_ns),
        ("thread_time", t_thread),
        ("thread_time_ns", t_thread_ns),
        ("sleep", t_sleep),
        ("gmtime", t_gmtime),
        ("localtime", t_localtime),
        ("mktime", t_mktime),
        ("strftime", t_strftime),
        ("asctime", t_asctime),
        ("ctime", t_ctime),
        ("get_clock_info", t_get_clock_info),
    ];
    for (n, f) in fns {
        set(&d, n, native(n, *f));
    }
    // timezone / altzone / daylight / tzname as CPython's init_timezone computes them.
    let year = gmtime_of(now() as i64).year;
    let jan = days_from_civil(year, 1, 1) * 86400;
    let jul = days_from_civil(year, 7, 1) * 86400;
    let z = zone();
    let (j, u) = (z.at(jan).clone(), z.at(jul).clone());
    let (janzone, julzone) = (-j.off, -u.off);
    let (tz, alt, names) = if janzone < julzone {
        (julzone, janzone, (u.abbr.clone(), j.abbr.clone()))
    } else {
        (janzone, julzone, (j.abbr.clone(), u.abbr.clone()))
    };
    set(&d, "timezone", Value::Int(tz));
    set(&d, "altzone", Value::Int(alt));
    set(&d, "daylight", Value::Int((janzone != julzone) as i64));
    set(&d, "tzname", Value::tuple(vec![Value::str(names.0), Value::str(names.1)]));
    m
}
