// Lead scoring, as code instead of SQL (enriched_leads scores in its query): product usage in, a score out.
// page_views and trial_days_remaining are mapped only for this; they are not sent.
int views = record.remove('page_views') as int
int daysLeft = record.remove('trial_days_remaining') as int
record.lead_score = views > 100 && daysLeft < 7 ? 'hot' : views > 50 ? 'warm' : 'cold'
// sales only wants leads worth a call: cold ones are counted as filtered, not sent
if (record.lead_score == 'cold') {
    drop()
}
