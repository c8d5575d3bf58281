-- A blind comparison's calls are now recorded as each of its two engines' own, so they count toward those
-- engines' circuits. The circuits kept under a pair's id ("blind:a+b") were never read to route an order, and
-- the console listed each as an engine of its own.
DELETE FROM `provider_health` WHERE `provider` LIKE 'blind:%';
