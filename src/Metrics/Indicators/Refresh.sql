DELETE FROM monthly_indicators;

DELETE FROM monthly_coverage;

INSERT INTO monthly_indicators
SELECT * FROM (
{expand}
);

INSERT INTO monthly_coverage VALUES ($m_from, $m_to, $now);
