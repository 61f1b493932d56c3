"""Calendar months as people write them (funnelplan.model.months)."""

EN = {
    "month.how_to_write": "write the month as YYYY-MM, e.g. 2027-04 (2027/4 and 2027年4月 work too)",
    "month.no_such_month": "{text!r} has no month {month}: months run from 1 to 12",
    "month.no_such_day": "{text!r} is not a date: {month} has {days} days",
    "month.not_a_month": "{text!r} is not a month",
    "month.ambiguous_in_column": "{value} reads as {first} (month/day/year) or {second} (day/month/year), and no date in the column tells which",
    "month.ambiguous": "{value!r} reads as {first} (month/day/year) or {second} (day/month/year)",
    "month.mixed_order": "the column has both day-first ({first}) and month-first ({second}) dates",
    "month.one_order": "write every date in one order, or the months as YYYY-MM",
    "month.write_yyyy_mm": "write the month as YYYY-MM (2027-04)",
    "month.write_yyyy_mm_column": "write the months as YYYY-MM (2027-04)",
    "month.no_month_name": "{value!r} is not a month: {name!r} is no month name",
    "month.no_month_in_order": "{value!r} has no month {month} when read as {order}",
}

JA = {
    "month.how_to_write": "年月は 2027-04 のように YYYY-MM で書いてください（2027/4 や 2027年4月 も読めます）",
    "month.no_such_month": "{text!r} の {month} 月はありません：月は 1 から 12 までです",
    "month.no_such_day": "{text!r} は存在しない日付です：{month} は {days} 日までです",
    "month.not_a_month": "{text!r} は年月として読めません",
    "month.ambiguous_in_column": "{value} は {first}（月/日/年）とも {second}（日/月/年）とも読め、列のどの日付からも決まりません",
    "month.ambiguous": "{value!r} は {first}（月/日/年）とも {second}（日/月/年）とも読めます",
    "month.mixed_order": "列に日が先の日付（{first}）と月が先の日付（{second}）が混ざっています",
    "month.one_order": "日付はすべて同じ順で書くか、年月を YYYY-MM で書いてください",
    "month.write_yyyy_mm": "年月は YYYY-MM（2027-04）で書いてください",
    "month.write_yyyy_mm_column": "年月は YYYY-MM（2027-04）で書いてください",
    "month.no_month_name": "{value!r} は年月として読めません：{name!r} は月の名前ではありません",
    "month.no_month_in_order": "{value!r} を {order} として読むと {month} 月になり、月として読めません",
}
