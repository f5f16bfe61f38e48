"""The RCM knowledge base engine: loads, validates, links and renders the data in data/.

Nothing in this package knows about MkDocs; hooks/rcm.py adapts it to the build.
"""
