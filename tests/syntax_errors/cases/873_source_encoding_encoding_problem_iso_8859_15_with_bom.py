# -*- coding: iso-8859-15 -*-
