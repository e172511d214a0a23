-- When year $y was checked, through which month, on what data (AnomalyStore.Save, after its flags were forgotten).
INSERT INTO anomaly_checks VALUES ($y, $t, $at, $v);
