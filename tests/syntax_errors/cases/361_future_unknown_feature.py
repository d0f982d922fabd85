from __future__ import doesnt_exist
