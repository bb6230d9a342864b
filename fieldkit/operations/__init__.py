"""Groups of facade operations, mixed into ``fieldkit.project.Project``.

Each module holds one capability (search, export, team work, assisted coding) so that the facade
stays readable; all of them work through ``self.store`` and never speak SQL themselves.
"""
