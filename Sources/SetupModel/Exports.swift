/// Every module that reads the model shows its words to people, in one of two languages.
@_exported import Localization
