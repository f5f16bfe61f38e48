"""The RCM's own story: About (about.py, with the structure diagram laid out in diagram.py), the
seminars and workshops it held (activities.py) and a chronology of dated events (chronology.py).
Each of the three is a domain of its own."""
