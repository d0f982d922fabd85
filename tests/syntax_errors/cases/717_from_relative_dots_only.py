from ... import
