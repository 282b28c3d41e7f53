"""The guided walkthrough "What to do if your image is shared" (no Qt).

- ``content``: what a guide is made of (steps, parts, actions, checklists, resources) and how
  its text is shown (``blocks``, ``country_name``, ``checked_text``).
- ``load``: reading assets/guide/ (``load_guide``, ``check_guide``); ``schema`` and
  ``validate`` hold the rules those files must follow.
- ``progress``: where the user is in the guide, kept in the vault (FORMAT.md §9.8).
"""
