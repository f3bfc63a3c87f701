from datetime import date, datetime, timedelta, timezone
import calendar

d = date(2024, 2, 28)
print(d + timedelta(days=2), d.isoformat(), d.weekday(), d.strftime("%A %d %B %Y"))
dt = datetime(2024, 3, 10, 14, 30, 0)
print(dt, dt.isoformat(), repr(dt - timedelta(hours=20)))
print(datetime.fromisoformat("2021-07-04T12:00:00+02:00").astimezone(timezone.utc))
print((datetime(2024, 12, 25) - datetime(2024, 1, 1)).days, timedelta(days=1, seconds=3661))
print(calendar.isleap(2024), calendar.monthrange(2024, 2))
print(calendar.month(2024, 2))
