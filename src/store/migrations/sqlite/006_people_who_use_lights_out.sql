-- Earlier versions cached the Slack zone of every workspace member, including people who never used Lights Out.
-- Keep a person's row only if they use it: a zone of their own (/hours tz), hours, or a personal nudge. Anyone
-- else who comes back gets their zone read again from Slack on their next command.
DELETE FROM people
WHERE tz_override IS NULL
  AND NOT EXISTS (SELECT 1 FROM hours_entries h WHERE h.team_id = people.team_id AND h.user_id = people.user_id)
  AND NOT EXISTS (SELECT 1 FROM nudge_people n WHERE n.team_id = people.team_id AND n.user_id = people.user_id);
